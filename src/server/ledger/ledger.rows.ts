/**
 * A ledger's rows as one requester may see them, read page by page so that a
 * county's 100,000 reports never sit in memory at once. The read rule is the
 * sync pull's: a record is listed when one of its audience paths reaches the
 * requester (`reaches`, the SQL twin of plugins/scope.ts) and its data is the
 * kind's `view` for them (`projectWith`), so masking is the same as on the
 * phone. Pages follow an index (migration 2026_11_28_1020) by keyset, the
 * same query on SQLite and PostgreSQL.
 */
import { sql, type Kysely } from 'kysely'
import type { Ledger, LedgerContext, LedgerRow } from '#shared/ledger/ledger.definition.ts'
import type { Period } from '#shared/supervision/period.ts'
import type { AnyRecordKind } from '#shared/sync/record-kind.ts'
import type { SyncRecord } from '#shared/sync/sync.protocol.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { scopePathOf } from '../plugins/scope.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { projectWith } from '../sync/projection.ts'
import { findAudiences, reaches, type RecordRow } from '../sync/record.repository.ts'

/**
 * Records read per query: big enough to amortise a round trip, small enough
 * that a page is done before the young generation is collected twice. A page
 * that outlives that is moved to the old generation and dies there: at 1,000
 * a page, 20,000 reports left 100 MB of old garbage (RSS growth) before a
 * full collection; at 250, 10 MB, and less CPU for the collector.
 */
export const LEDGER_PAGE = 250

export interface LedgerQuery {
  ledger: Ledger
  auth: AuthContext
  /** Only records whose home lies under this path (a drill-down); null: all the requester sees. */
  under: string | null
  period: Period | null
  /** Only rows of this parent record (a campaign's forms); null: all. */
  parent: string | null
  /** Group rows by their home (for one sheet per township or village). */
  byPlace: boolean
}

/** A row with the record's home, for splitting into sheets. */
export interface PlacedRow extends LedgerRow {
  orgPath: string
}

/** The requester's rows of the ledger, in registration order (or by place, then registration). */
export async function* ledgerRows(
  db: Kysely<DatabaseSchema>,
  kinds: KindRegistry,
  context: LedgerContext,
  { ledger, auth, under, period, parent, byPlace }: LedgerQuery,
): AsyncGenerator<PlacedRow> {
  const kind = kinds.get(ledger.kind)
  if (!kind) return
  const scope = scopePathOf(auth)
  const readPage = async (after: PageEnd | null) => {
    let query = db
      .selectFrom('sync_record as r')
      .selectAll('r')
      .where('r.kind', '=', ledger.kind)
      .where(
        sql<boolean>`exists (select 1 from record_audience a where a.record_key = r.key and ${reaches('a.path', scope)})`,
      )
    if (under !== null) query = query.where('r.org_path', 'like', `${under}%`)
    if (after !== null) {
      query = byPlace
        ? query.where(
            sql<boolean>`(r.org_path, r.created_at, r.key) > (${after.org_path}, ${after.created_at}, ${after.key})`,
          )
        : query.where(sql<boolean>`(r.created_at, r.key) > (${after.created_at}, ${after.key})`)
    }
    if (byPlace) query = query.orderBy('r.org_path')
    const page: RecordRow[] = await query
      .orderBy('r.created_at')
      .orderBy('r.key')
      .limit(LEDGER_PAGE)
      .execute()
    const audiences = await findAudiences(
      db,
      page.map((record) => record.key),
    )
    return { page, audiences }
  }
  let next = readPage(null)
  for (;;) {
    const { page, audiences } = await next
    const last = page.at(-1)
    const isLast = !last || page.length < LEDGER_PAGE
    // The next page is read (by PostgreSQL, on another core) while this one
    // is turned into rows and written; a reader that stops early leaves it
    // settled, never an unhandled rejection.
    if (last && !isLast) {
      next = readPage(last)
      next.catch(() => undefined)
    }
    // Each record is parsed and viewed only when its row is due, so its
    // parsed data dies young (see LEDGER_PAGE) instead of waiting, a page at
    // a time, across the writer's awaits.
    for (const record of page) {
      const view = projectWith(kind, record, audiences.get(record.key) ?? [], auth)
      if (!view) continue
      const row = ledger.row(view.data, context, record.id)
      if (!row || !inPeriod(row.date, period)) continue
      if (parent !== null && row.parent !== parent) continue
      yield { ...row, orgPath: record.org_path }
    }
    if (isLast) return
  }
}

/**
 * A page of records as `auth` sees them: each with the kind's view for them,
 * the ones they may not see left out (the sync pull's rule).
 */
export async function viewPage(
  db: Kysely<DatabaseSchema>,
  kind: AnyRecordKind,
  page: readonly RecordRow[],
  auth: AuthContext,
): Promise<Array<{ record: RecordRow; view: SyncRecord }>> {
  const audiences = await findAudiences(
    db,
    page.map((record) => record.key),
  )
  return page.flatMap((record) => {
    const view = projectWith(kind, record, audiences.get(record.key) ?? [], auth)
    return view ? [{ record, view }] : []
  })
}

/** The last record of a page: where the next one starts. */
type PageEnd = Pick<RecordRow, 'org_path' | 'created_at' | 'key'>

/** True when a row dated `date` falls in `period` (always, without a period). */
export function inPeriod(date: string | null, period: Period | null): boolean {
  if (period === null) return true
  return date !== null && date >= period.from && date <= period.to
}
