/**
 * The consultation's states and the review gate (seed 002: 没有广泛征求群众
 * 意见的，除依法不予公开、情况紧急等特殊情形外，不得提交集体审议).
 *
 * The gate has two halves, both here so the device and the server refuse
 * alike: the state half (`stateGateRefusal`: closed or answered, or exempt)
 * which the kind's `apply` runs everywhere, and the opinion half
 * (`reviewGateRefusal` over the opinions at hand) which the device runs on
 * the opinions it holds before saving and the server runs on every stored
 * opinion of the consultation (a `distinct` reference of the kind: no
 * opinion of it may still await its answer).
 */
import { MutationRejection } from '../sync/record-kind.ts'
import type { ConsultationData, ConsultationStatus } from './consultation.schema.ts'
import { awaitsAnswer } from './consultation.rules.ts'
import type { OpinionData } from './opinion.schema.ts'

/** The operations on a consultation after 'create'. */
export const CONSULTATION_OPS = [
  'update',
  'open',
  'close',
  'record_session',
  'finish_answers',
  'exempt',
  'submit_for_review',
  'decide',
] as const
/** An operation. */
export type ConsultationOp = (typeof CONSULTATION_OPS)[number]

/** The states each operation starts from. */
export const OP_FROM: Readonly<Record<ConsultationOp, readonly ConsultationStatus[]>> = {
  update: ['draft'],
  open: ['draft'],
  close: ['open'],
  record_session: ['open', 'closed'],
  finish_answers: ['closed'],
  exempt: ['draft'],
  submit_for_review: ['closed', 'answered', 'exempt'],
  decide: ['submitted'],
}

/** The states in which opinions are still received (a late transcription of the period too). */
export const RECEIVING_STATUSES: readonly ConsultationStatus[] = ['open', 'closed']

/** The states in which the department may (re)answer opinions: until the report goes to review. */
export const ANSWERING_STATUSES: readonly ConsultationStatus[] = ['open', 'closed', 'answered']

/** The refusal code of the review gate. */
export const REVIEW_GATE_CODE = 'review_gate'

/** The Chinese reason of an unanswered opinion at the gate (the server cannot count them). */
export const UNANSWERED_MESSAGE = '还有意见未答复，全部答复后才能提交集体审议'

/** True when `op` may start from `status`. */
export function canStart(op: ConsultationOp, status: ConsultationStatus): boolean {
  return OP_FROM[op].includes(status)
}

/**
 * The state half of the gate: why `consultation` may not go to collective
 * review as it stands, or null when its state allows it.
 */
export function stateGateRefusal(
  consultation: Pick<ConsultationData, 'status' | 'exemption'>,
): MutationRejection | null {
  switch (consultation.status) {
    case 'closed':
    case 'answered':
      return null
    case 'exempt':
      return consultation.exemption
        ? null
        : new MutationRejection(REVIEW_GATE_CODE, '免于征求意见须登记理由和批准人')
    case 'draft':
      return new MutationRejection(
        REVIEW_GATE_CODE,
        '尚未征求群众意见，不能提交集体审议；依法不予公开或情况紧急的，请先登记理由和批准人',
      )
    case 'open':
      return new MutationRejection(REVIEW_GATE_CODE, '征求意见尚未结束，不能提交集体审议')
    case 'submitted':
    case 'decided':
      return new MutationRejection('invalid_transition', '该事项已提交集体审议')
  }
}

/** True when `opinion` (any stored record data) is an opinion of consultation `id` awaiting its answer. */
export function isUnansweredOpinionOf(id: string, opinion: unknown): boolean {
  return (
    typeof opinion === 'object' &&
    opinion !== null &&
    'consultationId' in opinion &&
    opinion.consultationId === id &&
    'answer' in opinion &&
    opinion.answer === null
  )
}

/**
 * The whole gate over the opinions at hand: the state half, then every
 * opinion answered (an exempt draft has none to answer). The device calls it
 * with the opinions it holds; the server's check sees them all.
 */
export function reviewGateRefusal(
  consultation: Pick<ConsultationData, 'status' | 'exemption'>,
  opinions: readonly Pick<OpinionData, 'answer'>[],
): MutationRejection | null {
  const byState = stateGateRefusal(consultation)
  if (byState || consultation.status === 'exempt') return byState
  const unanswered = opinions.filter(awaitsAnswer).length
  if (unanswered === 0) return null
  return new MutationRejection(
    REVIEW_GATE_CODE,
    `还有${unanswered}条意见未答复，全部答复后才能提交集体审议`,
  )
}
