/**
 * Counts of unsynced and refused changes and of photos not yet on the server,
 * for the tab bar's badge and the 我的 / 同步 pages. Kept apart from the sync
 * store so the first screen shows the badge without loading the record kinds
 * (and zod) — the store itself loads after the first paint.
 *
 * Photos go up after their record's text has been pushed, so a record can be
 * accepted while its photo still waits: counting photos here keeps the badge
 * honest until the photo is on the server too.
 */
import { liveQuery } from 'dexie'
import { computed, onScopeDispose, ref } from 'vue'
import { appDb } from '#app/db/app-db.ts'

export function useOutboxCounts() {
  const pending = ref(0)
  const rejected = ref(0)
  const photosWaiting = ref(0)
  /** Reasons the server gave for photos it refused for good (not an image, too large…). */
  const photoFailures = ref<string[]>([])
  const outbox = liveQuery(() => appDb.outbox.toArray()).subscribe((entries) => {
    pending.value = entries.filter((entry) => entry.status === 'pending').length
    rejected.value = entries.length - pending.value
  })
  const photos = liveQuery(async () => {
    const failures: string[] = []
    let waiting = 0
    await appDb.blobs
      .where('uploaded')
      .equals(0)
      .each((row) => {
        if (row.failure) failures.push(row.failure)
        else waiting += 1
      })
    return { waiting, failures }
  }).subscribe(({ waiting, failures }) => {
    photosWaiting.value = waiting
    photoFailures.value = failures
  })
  onScopeDispose(() => {
    outbox.unsubscribe()
    photos.unsubscribe()
  })
  /** Everything on this device the server does not have yet. */
  const unsynced = computed(
    () => pending.value + rejected.value + photosWaiting.value + photoFailures.value.length,
  )
  return { pending, rejected, photosWaiting, photoFailures, unsynced }
}
