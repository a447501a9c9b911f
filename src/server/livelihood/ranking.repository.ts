/**
 * Reads of residents' rankings straight from the sync tables (the server's
 * own view, before any viewer's projection).
 */
import type { Kysely } from 'kysely'
import { RANKING_KIND } from '#shared/livelihood/ranking.kind.ts'
import { rankingDataSchema, type RankingData } from '#shared/livelihood/ranking.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import { findRecordData } from '../sync/record.repository.ts'

/** The ranking `id`, or null (also for an id that cannot be one). */
export function findRanking(
  db: Kysely<DatabaseSchema>,
  dialect: DialectName,
  id: string,
): Promise<RankingData | null> {
  return findRecordData(db, dialect, RANKING_KIND, id, rankingDataSchema)
}
