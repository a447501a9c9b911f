/**
 * A store's live rows of one record kind: the `records` table through a
 * Dexie live query, narrowed to the kind's data type by the kind's own shape
 * check (exported next to the kind in `src/shared/<domain>/*.kind.ts`). The
 * records were made by the kind's `apply` on this device or validated by the
 * server, so a cheap shape check stands in for a zod parse and keeps 10,000
 * records fast.
 */
import { liveQuery } from 'dexie'
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'
import { appDb, type LocalRecord } from '#app/db/app-db.ts'

/** A record of one kind as the screens list it. */
export interface KindRow<T> {
  /** The local key (`kind:id`). */
  key: string
  id: string
  data: T
  /** Changes of this device not yet accepted by the server (waiting or refused). */
  hasPending: boolean
}

/** The kind's shape check, as exported by its `*.kind.ts`. */
export type KindGuard<T extends LocalRecord['data']> = (data: LocalRecord['data']) => data is T

export interface KindRowsOptions<T> {
  /** Sorts newest first by this key (ISO dates and times compare as strings); unsorted when absent. */
  newestBy?: (data: T) => string
}

/** Code-unit order, newest first: ISO dates and times sort as strings. */
const newestFirst = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0)

/**
 * The rows of `kind` whose data passes `isData`, kept current while the
 * calling scope (a Pinia setup store) lives; `isLoaded` turns true once the
 * first answer arrived.
 */
export function useKindRows<T extends LocalRecord['data']>(
  kind: string,
  isData: KindGuard<T>,
  options: KindRowsOptions<T> = {},
): { rows: ShallowRef<KindRow<T>[]>; isLoaded: ShallowRef<boolean> } {
  const rows = shallowRef<KindRow<T>[]>([])
  const isLoaded = shallowRef(false)
  const { newestBy } = options
  const subscription = liveQuery(() =>
    appDb.records.where('kind').equals(kind).toArray(),
  ).subscribe((records) => {
    const next: KindRow<T>[] = []
    for (const record of records) {
      const { data } = record
      if (isData(data))
        next.push({ key: record.key, id: record.id, data, hasPending: record.hasPending === 1 })
    }
    if (newestBy) next.sort((a, b) => newestFirst(newestBy(a.data), newestBy(b.data)))
    rows.value = next
    isLoaded.value = true
  })
  onScopeDispose(() => subscription.unsubscribe())
  return { rows, isLoaded }
}
