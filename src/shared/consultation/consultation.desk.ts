/**
 * The consultations' line on the work desk (首页): every opinion still
 * awaiting its answer, with the day it is due (the consultation's
 * `answersDue`). Zod-free and kind-free, so the desk's bundle does not load
 * the consultation schemas: the shape checks here are the cheap ones the
 * desk needs.
 */
import type { ConsultationData } from './consultation.schema.ts'
import type { OpinionData } from './opinion.schema.ts'
import { ANSWERING_STATUSES } from './consultation.machine.ts'
import { shapeCheck } from '../sync/record-kind.ts'

/** The kind names, repeated here so the desk imports no schema (consultation.schema.ts is the source). */
export const DESK_KINDS = { consultation: 'consultation', opinion: 'opinion' } as const

/** An opinion awaiting its answer, as the desk counts it. */
export interface OpinionToAnswer {
  department: string
  /** The consultation's answer deadline; null while it has none (never opened). */
  due: string | null
}

type DeskConsultation = Pick<ConsultationData, 'status' | 'answersDue'>

/** Cheap shape check of a stored consultation, for the desk (see `shapeCheck`). */
export const isDeskConsultation = shapeCheck<DeskConsultation>({
  string: ['status'],
  present: ['answersDue'],
})

/** Cheap shape check of a stored opinion, for the desk. */
export function isDeskOpinion(
  data: Record<string, unknown>,
): data is Pick<OpinionData, 'consultationId' | 'department' | 'answer'> {
  return typeof data.consultationId === 'string' && 'answer' in data
}

/** The opinions awaiting an answer among `opinions`, with their consultation's due date. */
export function opinionsToAnswer(
  consultations: readonly { id: string; data: DeskConsultation }[],
  opinions: readonly Pick<OpinionData, 'consultationId' | 'department' | 'answer'>[],
): OpinionToAnswer[] {
  const byId = new Map(consultations.map((row) => [row.id, row.data]))
  return opinions.flatMap((opinion) => {
    const consultation = byId.get(opinion.consultationId)
    if (!consultation || opinion.answer !== null) return []
    if (!ANSWERING_STATUSES.includes(consultation.status)) return []
    return [{ department: opinion.department, due: consultation.answersDue?.date ?? null }]
  })
}
