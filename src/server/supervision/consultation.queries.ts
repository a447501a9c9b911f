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
import type { ConsultationFigures } from '#shared/supervision/figures.ts'
import type { Period } from '#shared/supervision/period.ts'
import { findConsultationOpinions } from '../consultation/consultation.repository.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { inSlice, readRecords, tally } from './record-tally.ts'
import type { ByGroup, Slice } from './supervision.queries.ts'

type Db = Kysely<DatabaseSchema>

/** Consultation figures per department of a department slice (other slices have none). */
export async function consultationFigures(
  db: Db,
  slice: Slice,
  period: Period,
  today: string,
): Promise<ByGroup<ConsultationFigures>> {
  const { figures, add } = tally<ConsultationFigures>({ due: 0, late: 0, unanswered: 0 })
  if (slice.groupBy !== 'dept_path') return figures
  for (const { id, data } of await readRecords(db, CONSULTATION_KIND, consultationDataSchema)) {
    const due = data.answersDue?.date
    if (due === undefined || due < period.from || due > period.to) continue
    if (!inSlice(slice, data.department)) continue
    const opinions = await findConsultationOpinions(db, id)
    const timeliness = answerTimeliness(
      data,
      opinions.map((opinion) => opinion.data),
      today,
    )
    add(data.department, {
      due: 1,
      late: timeliness === 'late' ? 1 : 0,
      unanswered: timeliness === 'unanswered' ? 1 : 0,
    })
  }
  return figures
}
