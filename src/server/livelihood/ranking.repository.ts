/**
 * Reads of residents' rankings straight from the sync tables (the server's
 * own view, before any viewer's projection).
 */
import type { Kysely } from 'kysely'
import { RANKING_KIND } from '#shared/livelihood/ranking.kind.ts'
import { rankingDataSchema, type RankingData } from '#shared/livelihood/ranking.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import { findRecord, recordKey } from '../sync/record.repository.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The ranking `id`, or null (also for an id that cannot be one). */
export async function findRanking(
  db: Kysely<DatabaseSchema>,
  dialect: DialectName,
  id: string,
): Promise<RankingData | null> {
  if (!UUID.test(id)) return null
  const row = await findRecord(db, dialect, recordKey(RANKING_KIND, id))
  return row ? rankingDataSchema.parse(JSON.parse(row.data)) : null
}
