/**
 * Reads of consultations and their opinions for the public routes, straight
 * from the sync tables (the server's own view, before any viewer's
 * projection), and the server-only table of tracking codes.
 */
import type { Kysely } from 'kysely'
import {
  CONSULTATION_KIND,
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

export async function findConsultation(
  db: Db,
  dialect: DialectName,
  id: string,
): Promise<ConsultationData | null> {
  if (!UUID.test(id)) return null
  const row = await findRecord(db, dialect, recordKey(CONSULTATION_KIND, id))
  return row ? consultationDataSchema.parse(JSON.parse(row.data)) : null
}

export async function findOpinion(
  db: Db,
  dialect: DialectName,
  id: string,
): Promise<OpinionData | null> {
  const row = await findRecord(db, dialect, recordKey(OPINION_KIND, id))
  return row ? opinionDataSchema.parse(JSON.parse(row.data)) : null
}

/**
 * Every opinion of a consultation. Records hold JSON text; the id is a UUID
 * (no LIKE wildcards), and opinions are narrowed by kind first (index on
 * kind), as a campaign's forms are. TODO(#15): a consultation column if
 * consultations grow past tens of thousands of opinions.
 */
export async function findOpinions(db: Db, consultationId: string): Promise<OpinionData[]> {
  if (!UUID.test(consultationId)) return []
  const rows = await db
    .selectFrom('sync_record')
    .select('data')
    .where('kind', '=', OPINION_KIND)
    .where('data', 'like', `%"consultationId":"${consultationId}"%`)
    .execute()
  return rows.map((row) => opinionDataSchema.parse(JSON.parse(row.data)))
}

/** Keeps the hash of an opinion's tracking code (in the opinion's own transaction). */
export async function saveTracking(
  db: Db,
  codeHash: string,
  opinionId: string,
  consultationId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('opinion_tracking')
    .values({
      code_hash: codeHash,
      opinion_id: opinionId,
      consultation_id: consultationId,
      created_at: now.toISOString(),
    })
    .execute()
}

/** The opinion a tracking code's hash finds, or undefined. */
export function findTracking(db: Db, codeHash: string) {
  return db
    .selectFrom('opinion_tracking')
    .select(['opinion_id', 'consultation_id'])
    .where('code_hash', '=', codeHash)
    .executeTakeFirst()
}
