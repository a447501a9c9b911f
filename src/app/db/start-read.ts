/**
 * Start-up reads of the device database with plain IndexedDB. The saved
 * settings and the cached user are needed before the first render (no elder
 * mode flash, offline start signed in); loading Dexie for those two reads
 * would put it in the first screen. Dexie opens the same database after the
 * first paint (app-db.ts), and every write goes through it. Both take the
 * database's name and stores from schema.ts.
 */
import type { SessionRow, SettingRow } from './app-db.ts'
import { APP_DB_NAME, type StoreName } from './schema.ts'

interface StartRows {
  session: SessionRow
  settings: SettingRow
}
/** The stores read before the first render, as schema.ts names them (a renamed store fails to compile here). */
type StartStore = keyof StartRows & StoreName

/**
 * One row by key, or undefined when there is none. A device that has never
 * run the app has no database: the open is aborted in its upgrade, so nothing
 * is created and Dexie later builds the database with its full schema.
 */
export function readStartRow<S extends StartStore>(
  store: S,
  key: string,
  name = APP_DB_NAME,
): Promise<StartRows[S] | undefined> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name)
    let isNew = false
    open.onupgradeneeded = () => {
      isNew = true
      open.transaction?.abort()
    }
    open.onerror = () => (isNew ? resolve(undefined) : reject(open.error ?? new Error(name)))
    open.onsuccess = () => {
      const db = open.result
      // Close at once: Dexie's open would otherwise wait for us to let go.
      const done = (row: StartRows[S] | undefined) => {
        db.close()
        resolve(row)
      }
      if (!db.objectStoreNames.contains(store)) return done(undefined)
      const get: IDBRequest<StartRows[S] | undefined> = db
        .transaction(store, 'readonly')
        .objectStore(store)
        .get(key)
      get.onsuccess = () => done(get.result)
      get.onerror = () => {
        db.close()
        reject(get.error ?? new Error(store))
      }
    }
  })
}
