/**
 * Reads of consultation records straight from the sync tables (the server's
 * own view, before any viewer's projection), mapped to shared types here.
 */
import type { Kysely } from 'kysely'
import { CONSULTATION_KIND } from '#shared/consultation/consultation.kind.ts'
import {
  consultationDataSchema,
  type ConsultationData,
} from '#shared/consultation/consultation.schema.ts'
import {
  OPINION_KIND,
  opinionDataSchema,
  type OpinionData,
} from '#shared/consultation/opinion.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import { findRecord, recordKey } from '../sync/record.repository.ts'

type Db = Kysely<DatabaseSchema>
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The consultation `id`, or null (also for an id that is no UUID). */
export async function findConsultation(
  db: Db,
  dialect: DialectName,
  id: string,
): Promise<ConsultationData | null> {
  if (!UUID.test(id)) return null
  const row = await findRecord(db, dialect, recordKey(CONSULTATION_KIND, id))
  return row ? consultationDataSchema.parse(JSON.parse(row.data)) : null
}

/**
 * Every opinion of a consultation. Records hold JSON text; the id is a UUID
 * (no LIKE wildcards), and opinions are narrowed by kind first (index on
 * kind), as an assessment campaign's forms are.
 */
export async function findConsultationOpinions(
  db: Db,
  consultationId: string,
): Promise<{ id: string; data: OpinionData }[]> {
  if (!UUID.test(consultationId)) return []
  const rows = await db
    .selectFrom('sync_record')
    .select(['id', 'data'])
    .where('kind', '=', OPINION_KIND)
    .where('data', 'like', `%"consultationId":"${consultationId}"%`)
    .execute()
  return rows.map((row) => ({ id: row.id, data: opinionDataSchema.parse(JSON.parse(row.data)) }))
}
