/**
 * The residents' report pages' calls, in a few lines instead of the app's
 * HTTP client (src/app/api/http.ts, 2.6 KB gzip with the whole error table),
 * which would push these pages over the public bundle's budget: the server's
 * Chinese message and field problems come back as they are.
 */
export class PublicApiError extends Error {
  constructor(
    /** 0 when the server was not reached. */
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The server's machine code (src/shared/api/api-error.ts), '' when none. */
    readonly code = '',
  ) {
    super(message)
  }
}

/** The server's refusal in `error`, or null when the server was not reached (offline, a timeout). */
export function serverRefusal(error: unknown): PublicApiError | null {
  return error instanceof PublicApiError && error.status > 0 ? error : null
}

/** GET `path`, or POST `body` as JSON to it; the answer's JSON as `T`. */
export async function publicApi<T>(path: string, body?: unknown, timeoutMs = 20_000): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch {
    throw new PublicApiError(0, '')
  }
  const answer: unknown = await response.json().catch(() => null)
  // The server checks every answer against its schema before sending (as http.ts trusts it).
  if (response.ok) return answer as T
  const refusal = typeof answer === 'object' && answer !== null ? answer : {}
  const message =
    'message' in refusal && typeof refusal.message === 'string' ? refusal.message : null
  const code = 'code' in refusal && typeof refusal.code === 'string' ? refusal.code : ''
  const problems = 'fields' in refusal && typeof refusal.fields === 'object' ? refusal.fields : null
  const fields = Object.fromEntries(
    Object.entries(problems ?? {}).flatMap(([key, value]) =>
      typeof value === 'string' ? [[key, value] as const] : [],
    ),
  )
  throw new PublicApiError(message === null ? 0 : response.status, message ?? '', fields, code)
}
