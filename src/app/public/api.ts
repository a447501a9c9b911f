/**
 * Reads a public JSON endpoint. Not `#app/api/http.ts`: that one carries
 * every Chinese error text of the API (~4 KB gzip) for the signed-in forms;
 * a public page only needs to tell "the server said no" (a 4xx: wrong link,
 * too many reads) from "no network", and says each in its own words.
 */

/** The server answered with a refusal (4xx): a wrong or withdrawn link, or too many reads. */
export class PublicRefusal extends Error {
  constructor(readonly status: number) {
    super(`public read refused with ${status}`)
  }
}

/** GET `path` as JSON; a `PublicRefusal` for a 4xx, any other error for no network or a 5xx. */
export async function publicGet<T>(path: string): Promise<T> {
  const response = await fetch(path, {
    credentials: 'omit',
    signal: AbortSignal.timeout(30_000),
  })
  if (response.status >= 400 && response.status < 500) throw new PublicRefusal(response.status)
  if (!response.ok) throw new Error(`public read failed with ${response.status}`)
  // The server checks every public answer against its shared schema before sending it.
  return (await response.json()) as T
}
