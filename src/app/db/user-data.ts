/**
 * One user's data on a shared phone (issue #20.5, docs/settings.md): signing
 * out clears every record, change, photo, list row, cache and draft of the
 * user once the server holds all of them, and refuses while it does not;
 * signing in as someone else clears what the previous user left (a session
 * that expired never went through sign-out). Device preferences stay.
 */
import type { AppDb } from './app-db.ts'
import { UnsyncedDataError } from './unsynced-error.ts'

/** `settings` keys that belong to the device, not to whoever is signed in. */
const DEVICE_SETTINGS = new Set(['elderMode'])
/** `settings` key naming the user whose data the device holds. */
export const DATA_OWNER_KEY = 'dataOwner'
/** localStorage keys of the draft journal (src/app/ui/use-draft.ts). */
const DRAFT_JOURNAL_PREFIX = 'shuoshi-draft:'

/** Changes and photos the server does not have yet (a photo it refused for good excepted). */
export async function unsyncedCount(db: AppDb): Promise<number> {
  const [changes, photos] = await Promise.all([
    db.outbox.count(),
    db.blobs
      .where('uploaded')
      .equals(0)
      .filter((blob) => blob.failure === undefined)
      .count(),
  ])
  return changes + photos
}

/** The user whose data this device holds, or null when it holds none. */
export async function dataOwner(db: AppDb): Promise<string | null> {
  const row = await db.settings.get(DATA_OWNER_KEY)
  if (typeof row?.value === 'string') return row.value
  // A device from before the owner was recorded: its outbox names the author.
  const entry = await db.outbox.orderBy('seq').first()
  return entry?.userId ?? null
}

/**
 * Clears the signed-in user's data, in one transaction that first checks
 * nothing is left to sync: throws `UnsyncedDataError` and clears nothing
 * otherwise.
 */
export async function clearUserData(db: AppDb): Promise<void> {
  await db.transaction(
    'rw',
    [
      db.records,
      db.outbox,
      db.blobs,
      db.syncMeta,
      db.sent,
      db.rows,
      db.supervisionCache,
      db.settings,
    ],
    async () => {
      const count = await unsyncedCount(db)
      if (count > 0) throw new UnsyncedDataError(count)
      await Promise.all([
        db.records.clear(),
        db.outbox.clear(),
        db.blobs.clear(),
        db.syncMeta.clear(),
        db.sent.clear(),
        db.rows.clear(),
        db.supervisionCache.clear(),
        db.settings
          .filter((row) => !DEVICE_SETTINGS.has(row.key))
          .primaryKeys()
          .then((keys) => db.settings.bulkDelete(keys)),
      ])
    },
  )
  if (typeof localStorage === 'undefined') return
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(DRAFT_JOURNAL_PREFIX)) localStorage.removeItem(key)
  }
}

/**
 * Before `userId`'s data goes on the device: clears another user's (throws
 * `UnsyncedDataError` when it is not all synced), then records the owner.
 */
export async function takeDeviceFor(db: AppDb, userId: string): Promise<void> {
  const owner = await dataOwner(db)
  const holdsData = (await db.records.count()) > 0 || (await db.outbox.count()) > 0
  if (owner !== userId && (owner !== null || holdsData)) await clearUserData(db)
  await db.settings.put({ key: DATA_OWNER_KEY, value: userId })
}
