/**
 * The public routes' own reads and writes: one opinion by id (the server's
 * own view, before any viewer's projection) and the server-only table of
 * tracking codes. Consultations and their opinions are read with
 * consultation.repository.ts.
 */
import type { Kysely } from 'kysely'
import {
  OPINION_KIND,
  opinionDataSchema,
  type OpinionData,
} from '#shared/consultation/opinion.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import { findRecordData } from '../sync/record.repository.ts'

type Db = Kysely<DatabaseSchema>

export function findOpinion(db: Db, dialect: DialectName, id: string): Promise<OpinionData | null> {
  return findRecordData(db, dialect, OPINION_KIND, id, opinionDataSchema)
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
