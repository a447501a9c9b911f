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
import { findRecordData, findRecordsNaming } from '../sync/record.repository.ts'

type Db = Kysely<DatabaseSchema>

/** The consultation `id`, or null (also for an id that is no UUID). */
export function findConsultation(
  db: Db,
  dialect: DialectName,
  id: string,
): Promise<ConsultationData | null> {
  return findRecordData(db, dialect, CONSULTATION_KIND, id, consultationDataSchema)
}

/** Every opinion of a consultation, as an assessment campaign's forms are found. */
export function findConsultationOpinions(
  db: Db,
  consultationId: string,
): Promise<{ id: string; data: OpinionData }[]> {
  return findRecordsNaming(db, OPINION_KIND, 'consultationId', consultationId, opinionDataSchema)
}
