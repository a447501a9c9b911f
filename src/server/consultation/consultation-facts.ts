/**
 * What the catalogue needs to know of a consultation record: the day it
 * opened to the public — the later of its open date and the day the
 * department opened it (a consultation opened late, or scheduled ahead,
 * counts from when the public could actually speak). A draft, an exempt
 * one and a missing one have not opened.
 */
import type { Kysely } from 'kysely'
import { chinaDate } from '#shared/calendar/working-days.ts'
import {
  CONSULTATION_KIND,
  consultationDataSchema,
} from '#shared/consultation/consultation.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { recordKey } from '../sync/record.repository.ts'

type Db = Kysely<DatabaseSchema>

/** The China date consultation `id` opened on, or null while it has not (or never will). */
export async function openedOnOf(db: Db, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('sync_record')
    .select('data')
    .where('key', '=', recordKey(CONSULTATION_KIND, id))
    .executeTakeFirst()
  const parsed = consultationDataSchema.safeParse(row ? JSON.parse(row.data) : null)
  if (!parsed.success) return null
  const { openedAt, opensOn, exemption } = parsed.data
  if (openedAt === null || exemption !== null) return null
  const openedOn = chinaDate(openedAt)
  return openedOn > opensOn ? openedOn : opensOn
}
