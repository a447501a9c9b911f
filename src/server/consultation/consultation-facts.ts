/**
 * What the public side needs to know of a consultation record without
 * depending on all of it: the day it opened (for the catalogue's standing).
 * Read loosely, so a consultation stored by an older version still counts.
 */
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { DatabaseSchema } from '../db/database-schema.ts'

type Db = Kysely<DatabaseSchema>

const CONSULTATION_KIND = 'consultation'

/** States a consultation reaches only after it was open to the public. */
const HAS_OPENED = new Set(['open', 'closed', 'answered', 'submitted', 'decided'])

const openingSchema = z.object({
  status: z.string(),
  opensOn: z.string(),
  /** Set when the consultation skipped the public (依法不予公开 / 情况紧急). */
  exemption: z.unknown().optional(),
})

/** The China date consultation `id` opened on, or null while it has not (or never will). */
export async function openedOnOf(db: Db, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('sync_record')
    .select('data')
    .where('key', '=', `${CONSULTATION_KIND}:${id}`)
    .executeTakeFirst()
  const parsed = openingSchema.safeParse(row ? JSON.parse(row.data) : null)
  if (!parsed.success || parsed.data.exemption || !HAS_OPENED.has(parsed.data.status)) return null
  return parsed.data.opensOn
}
