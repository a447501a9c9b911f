/**
 * 征求意见台账: one row per consultation — the matter, the department, the
 * period it was open, the meetings held, the opinions heard and adopted
 * (counted from the opinion records the requester may see, as the adoption
 * report counts them), when they were answered, and the decision with its
 * implementation plan.
 */
import {
  CONSULTATION_KIND,
  consultationDataSchema,
  type ConsultationData,
} from '../consultation/consultation.schema.ts'
import {
  CONSULTATION_STATUS_LABELS,
  CONSULTATION_TYPE_LABELS,
} from '../consultation/consultation.labels.ts'
import {
  ADOPTED_VERDICTS,
  OPINION_KIND,
  opinionDataSchema,
} from '../consultation/opinion.schema.ts'
import {
  bump,
  countOf,
  dateCell,
  defineLedger,
  grouped,
  instantCell,
  readWith,
  type LedgerTally,
} from './ledger.definition.ts'

const readOpinion = readWith(opinionDataSchema.pick({ consultationId: true, answer: true }))

/** Opinions heard and adopted (or partly adopted) per consultation. */
const opinions: LedgerTally = {
  kinds: [OPINION_KIND],
  add(counts, _kind, data) {
    const opinion = readOpinion(data)
    if (!opinion) return
    bump(counts, opinion.consultationId, 'heard')
    const verdict = opinion.answer?.verdict
    bump(
      counts,
      opinion.consultationId,
      'adopted',
      verdict && ADOPTED_VERDICTS.includes(verdict) ? 1 : 0,
    )
  },
}

/** A consultation with its record id, which its opinions name. */
type ConsultationRow = ConsultationData & { id: string }

const readConsultation = readWith(consultationDataSchema)

export const consultationLedger = defineLedger<ConsultationRow>({
  id: 'consultations',
  title: '征求意见台账',
  kind: CONSULTATION_KIND,
  read: (data, id) => {
    const consultation = readConsultation(data)
    return consultation && { ...consultation, id }
  },
  dateOf: (consultation) => consultation.opensOn,
  tally: opinions,
  columns: [
    { header: '事项名称', width: 18, value: (consultation) => consultation.title },
    {
      header: '类型',
      width: 8,
      value: (consultation) => CONSULTATION_TYPE_LABELS[consultation.type],
    },
    {
      header: '起草部门',
      width: 10,
      value: (consultation, context) => context.unitName(consultation.department),
    },
    grouped('征求期间', [
      { header: '开始', width: 8, value: (consultation) => dateCell(consultation.opensOn) },
      { header: '截止', width: 8, value: (consultation) => dateCell(consultation.closesOn) },
    ]),
    {
      header: '视频会议',
      width: 4,
      summary: 'sum',
      value: (consultation) => consultation.sessions.length,
    },
    grouped('群众意见', [
      {
        header: '意见数',
        width: 4,
        summary: 'sum',
        value: (consultation, context) => countOf(context, consultation.id, 'heard'),
      },
      {
        header: '已采纳',
        width: 4,
        summary: 'sum',
        value: (consultation, context) => countOf(context, consultation.id, 'adopted'),
      },
    ]),
    grouped('意见答复', [
      {
        header: '答复期限',
        width: 8,
        value: (consultation) => dateCell(consultation.answersDue?.date),
      },
      {
        header: '答复日期',
        width: 8,
        value: (consultation) => instantCell(consultation.answeredAt),
      },
    ]),
    {
      header: '状态',
      width: 6,
      value: (consultation) => CONSULTATION_STATUS_LABELS[consultation.status],
    },
    {
      header: '审议结果',
      width: 20,
      value: (consultation) => consultation.decision?.result ?? '',
    },
  ],
})
