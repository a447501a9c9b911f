/**
 * The signed-in person's own unsent and refused changes, for the desk. The
 * outbox is the device's: on a shared phone it also holds what someone else
 * saved under their own session (only their session pushes it), which is
 * not this person's work, so the desk counts by author. The 同步 page and
 * the tab bar's badge still show the device's whole outbox.
 */
import { liveQuery, type Subscription } from 'dexie'
import { onScopeDispose, shallowRef, watch } from 'vue'
import { appDb } from '#app/db/app-db.ts'

/** Live counts of `userId()`'s outbox entries (zero when nobody is signed in). */
export function useOwnOutboxCounts(userId: () => string | null) {
  const unsent = shallowRef(0)
  const refused = shallowRef(0)
  const isLoaded = shallowRef(false)
  let subscription: Subscription | null = null
  const stop = watch(
    userId,
    (author) => {
      subscription?.unsubscribe()
      isLoaded.value = false
      // The outbox is short (what waits for signal): a scan costs less than an index.
      subscription = liveQuery(() =>
        appDb.outbox.filter((entry) => entry.userId === author).toArray(),
      ).subscribe((entries) => {
        unsent.value = entries.filter((entry) => entry.status === 'pending').length
        refused.value = entries.length - unsent.value
        isLoaded.value = true
      })
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    stop()
    subscription?.unsubscribe()
  })
  return { unsent, refused, isLoaded }
}
