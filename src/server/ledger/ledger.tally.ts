/**
 * A ledger's tally (ledger.definition.ts `LedgerTally`): the records of the
 * kinds it counts, read as the requester may see them — the sync pull's
 * scope (`inScope`) and the kind's view (`projectWith`), like the rows — and
 * added up before the first row is written. Only the figures are kept, never
 * the records, so a county's opinions do not sit in memory; pages follow the
 * primary key.
 */
import type { Kysely } from 'kysely'
import type { LedgerCounts, LedgerTally } from '#shared/ledger/ledger.definition.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { scopePathOf } from '../plugins/scope.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { inScope } from '../sync/record.repository.ts'
import { LEDGER_PAGE, viewPage } from './ledger.rows.ts'

/** The tally's figures per row id over what `auth` may see. */
export async function tallyLedger(
  db: Kysely<DatabaseSchema>,
  kinds: KindRegistry,
  auth: AuthContext,
  tally: LedgerTally,
): Promise<LedgerCounts> {
  const counts = new Map<string, Record<string, number>>()
  const scope = scopePathOf(auth)
  for (const name of tally.kinds) {
    const kind = kinds.get(name)
    if (!kind) continue
    let after = ''
    for (;;) {
      const page = await db
        .selectFrom('sync_record as r')
        .selectAll('r')
        .where('r.kind', '=', name)
        .where('r.key', '>', after)
        .where(inScope('r.key', scope))
        .orderBy('r.key')
        .limit(LEDGER_PAGE)
        .execute()
      for (const { view } of await viewPage(db, kind, page, auth)) {
        tally.add(counts, name, view.data)
      }
      const last = page.at(-1)
      if (!last || page.length < LEDGER_PAGE) break
      after = last.key
    }
  }
  return counts
}
