/**
 * Counts of unsynced and refused changes, for the tab bar's badge. Kept apart
 * from the sync store so the first screen shows the badge without loading the
 * record kinds (and zod) — the store itself loads after the first paint.
 */
import { liveQuery } from 'dexie'
import { onScopeDispose, ref } from 'vue'
import { appDb } from '#app/db/app-db.ts'

export function useOutboxCounts() {
  const pending = ref(0)
  const rejected = ref(0)
  const subscription = liveQuery(() => appDb.outbox.toArray()).subscribe((entries) => {
    pending.value = entries.filter((entry) => entry.status === 'pending').length
    rejected.value = entries.length - pending.value
  })
  onScopeDispose(() => subscription.unsubscribe())
  return { pending, rejected }
}
