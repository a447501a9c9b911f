/**
 * The township's discussable-items list (议事清单) kept on the device, so
 * capture can suggest a verdict offline. It is fetched at sign-in (and at
 * every start while signed in and online), not only when the capture form
 * first opens: a phone whose first capture is offline has it too (#12.10b).
 */
import {
  discussableListSchema,
  type DiscussableList,
} from '#shared/discussable/discussable-list.ts'
import { appDb } from '#app/db/app-db.ts'
import { apiRequest } from '#app/api/http.ts'

/** Settings key of the cached list. */
const DISCUSSABLE_KEY = 'discussableList'

/** The cached list when it is the township of `orgPathIds` (another user may have cached another's). */
export async function cachedDiscussableList(
  orgPathIds: readonly string[],
): Promise<DiscussableList | null> {
  const cached = discussableListSchema.safeParse((await appDb.settings.get(DISCUSSABLE_KEY))?.value)
  return cached.success && orgPathIds.includes(cached.data.townshipId) ? cached.data : null
}

/**
 * The server's list, cached for offline use; null when offline or the user
 * has no township (above the townships). Never throws.
 */
export async function refreshDiscussableList(): Promise<DiscussableList | null> {
  if (!navigator.onLine) return null
  try {
    const list = discussableListSchema.parse(await apiRequest<unknown>('/api/discussable-items'))
    await appDb.settings.put({ key: DISCUSSABLE_KEY, value: list })
    return list
  } catch {
    return null
  }
}
