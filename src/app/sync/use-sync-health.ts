/**
 * The device's sync health, live (issue #21.2): its sync state, its oldest
 * unsent change or photo and the browser's network flag, read from the
 * device database without the sync engine — so the desk shows it without
 * loading the record kinds — and the clock, ticking each minute so the ages
 * and the 24-hour warning move on a page left open.
 */
import { liveQuery } from 'dexie'
import { computed, onScopeDispose, shallowRef } from 'vue'
import { appDb } from '#app/db/app-db.ts'
import { useOnline } from '#app/ui/use-online.ts'
import { syncHealth, type SyncHealth, type SyncHealthInput } from './sync-health.ts'

type Stored = Omit<SyncHealthInput, 'isOnline' | 'now'>

export function useSyncHealth() {
  const isOnline = useOnline()
  const now = shallowRef(new Date().toISOString())
  const tick = setInterval(() => (now.value = new Date().toISOString()), 60_000)
  const stored = shallowRef<Stored | null>(null)
  const watch = liveQuery(async (): Promise<Stored> => {
    const [state, entries, photos] = await Promise.all([
      appDb.syncMeta.get('state'),
      appDb.outbox.toArray(),
      appDb.blobs.where('uploaded').equals(0).toArray(),
    ])
    // Changes in push order, photos by their time: the oldest of either waits longest.
    const times = [...entries, ...photos].map((row) => row.createdAt).sort()
    return {
      failure: state?.lastFailure ?? null,
      isOutdated: state?.isOutdated ?? false,
      lastSuccessAt: state?.lastSuccessAt ?? null,
      oldestUnsyncedAt: times[0] ?? null,
    }
  }).subscribe((next) => (stored.value = next))
  onScopeDispose(() => {
    clearInterval(tick)
    watch.unsubscribe()
  })
  const health = computed<SyncHealth | null>(() =>
    stored.value ? syncHealth({ ...stored.value, isOnline: isOnline.value, now: now.value }) : null,
  )
  return { health }
}
