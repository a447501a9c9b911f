/**
 * Consultation figures for supervision: per department, the consultations
 * whose answers were due in the period and how many were answered late or
 * still wait past the due day. Consultations are few (a county opens a
 * handful a year), so they are read from the stored records for the period,
 * as policies are counted from the facts; their opinions are read per
 * consultation (consultation.repository.ts).
 */
import type { Kysely } from 'kysely'
import { answerTimeliness } from '#shared/consultation/answer-timeliness.ts'
import {
  CONSULTATION_KIND,
  consultationDataSchema,
} from '#shared/consultation/consultation.schema.ts'
import { isWithin } from '#shared/org/org-path.ts'
import type { ConsultationFigures } from '#shared/supervision/figures.ts'
import type { Period } from '#shared/supervision/period.ts'
import { findConsultationOpinions } from '../consultation/consultation.repository.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { ByGroup, Slice } from './supervision.queries.ts'

type Db = Kysely<DatabaseSchema>

/** Consultation figures per department of a department slice (other slices have none). */
export async function consultationFigures(
  db: Db,
  slice: Slice,
  period: Period,
  today: string,
): Promise<ByGroup<ConsultationFigures>> {
  const figures: ByGroup<ConsultationFigures> = new Map()
  if (slice.groupBy !== 'dept_path') return figures
  const rows = await db
    .selectFrom('sync_record')
    .select(['id', 'data'])
    .where('kind', '=', CONSULTATION_KIND)
    .execute()
  for (const row of rows) {
    const parsed = consultationDataSchema.safeParse(JSON.parse(row.data))
    if (!parsed.success) continue
    const consultation = parsed.data
    const due = consultation.answersDue?.date
    if (due === undefined || due < period.from || due > period.to) continue
    const department = consultation.department
    const inSlice = slice.prefix ? isWithin(department, slice.value) : department === slice.value
    if (!inSlice) continue
    const opinions = await findConsultationOpinions(db, row.id)
    const timeliness = answerTimeliness(
      consultation,
      opinions.map((opinion) => opinion.data),
      today,
    )
    const seen = figures.get(department) ?? { due: 0, late: 0, unanswered: 0 }
    figures.set(department, {
      due: seen.due + 1,
      late: seen.late + (timeliness === 'late' ? 1 : 0),
      unanswered: seen.unanswered + (timeliness === 'unanswered' ? 1 : 0),
    })
  }
  return figures
}
