/**
 * The grid hand-over ledger's rows: read from the hand-over table (no record
 * kind, so no audience or masking: the ledger needs org.manage, like the
 * on-screen list), the grids under the requester's scope or drill-down.
 * Hand-overs are a handful a year per grid, so one query, no keyset pages.
 */
import type { Kysely } from 'kysely'
import type { LedgerContext } from '#shared/ledger/ledger.definition.ts'
import { selectHandovers, toHandover } from '../admin/handover.repository.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { scopePathOf } from '../plugins/scope.ts'
import { inPeriod, type LedgerQuery, type PlacedRow } from './ledger.rows.ts'

export async function* handoverRows(
  db: Kysely<DatabaseSchema>,
  context: LedgerContext,
  { ledger, auth, under, period, byPlace }: LedgerQuery,
): AsyncGenerator<PlacedRow> {
  let query = selectHandovers(db, under ?? scopePathOf(auth))
  if (byPlace) query = query.orderBy('g.path')
  const lines = await query.orderBy('h.at').orderBy('h.id').execute()
  for (const line of lines) {
    const row = ledger.row({ ...toHandover(line), gridPath: line.grid_path }, context, line.id)
    if (row && inPeriod(row.date, period)) yield { ...row, orgPath: line.grid_path }
  }
}
