/**
 * Administrative-review contact points (行政复议便民联系点, seed 002 三(五)):
 * a township or village station takes an application for administrative
 * review, or answers a consultation, offline; applications are forwarded to
 * the county's review body with a receipt for the applicant and followed
 * until its decision. The applicant is private: only the station, the
 * township's justice office and the review body see who applied
 * (`reviewKind.view`).
 */
import { z } from 'zod'
import { computedDate, isoDateSchema } from '../common/date.schema.ts'
import { instantSchema, orgPathSchema } from '../common/fields.schema.ts'
import { optionalText, text } from '../common/text.schema.ts'

/** The kind's name in the sync protocol. */
export const REVIEW_KIND = 'review_matter'

/** An application for review, or a consultation (question and answer). */
export const REVIEW_TYPES = ['application', 'consultation'] as const
/** What the station took in. */
export type ReviewType = (typeof REVIEW_TYPES)[number]

/** Received at the station → forwarded to the review body → decided; a consultation is answered. */
export const REVIEW_STATUSES = ['received', 'forwarded', 'decided', 'answered'] as const
/** Where a review matter stands. */
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]

/** 维持 / 撤销 / 变更 / 确认违法 / 驳回 / 调解结案 / 不予受理. */
export const REVIEW_OUTCOMES = [
  'upheld',
  'revoked',
  'changed',
  'confirmed_unlawful',
  'rejected',
  'mediated',
  'not_accepted',
] as const
/** The review body's decision. */
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number]

const line = (max: number, missing: string, tooLong: string) => text({ max, missing, tooLong })
const long = (max: number, missing: string, tooLong: string) =>
  text({ max, missing, tooLong, multiline: true })

/** The applicant: private. */
export const applicantSchema = z.object({
  name: line(30, '请填写申请人姓名', '姓名不超过30字'),
  phone: optionalText({ max: 20, tooLong: '电话不超过20字' }).optional(),
  address: optionalText({ max: 100, tooLong: '住址不超过100字' }).optional(),
})
/** The applicant. */
export type Applicant = z.infer<typeof applicantSchema>

/** An application, as the station's form sends it. */
export const reviewApplicationSchema = z.object({
  type: z.literal('application'),
  receivedOn: isoDateSchema,
  applicant: applicantSchema,
  respondent: line(60, '请填写被申请人（行政机关）', '被申请人不超过60字'),
  act: long(500, '请填写申请复议的行政行为', '行政行为不超过500字'),
  learnedOn: isoDateSchema,
  request: long(1000, '请填写复议请求', '复议请求不超过1000字'),
})

/** A consultation, answered on the spot. */
export const reviewConsultationSchema = z.object({
  type: z.literal('consultation'),
  receivedOn: isoDateSchema,
  question: long(1000, '请填写咨询的问题', '问题不超过1000字'),
  answer: long(2000, '请填写解答内容', '解答不超过2000字'),
})

/** What the station takes in. */
export const reviewCreateSchema = z.discriminatedUnion('type', [
  reviewApplicationSchema,
  reviewConsultationSchema,
])
/** What the station takes in. */
export type ReviewCreateInput = z.infer<typeof reviewCreateSchema>

/** The review body records its decision. */
export const reviewDecisionSchema = z.object({
  outcome: z.enum(REVIEW_OUTCOMES, { error: '请选择复议结果' }),
  decidedOn: isoDateSchema,
  note: optionalText({ max: 1000, tooLong: '说明不超过1000字', multiline: true }).optional(),
})
/** The decision, as the form sends it. */
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>

const eventSchema = z.object({
  action: z.enum(['receive', 'forward', 'decide']),
  at: instantSchema,
  actorName: z.string(),
  unitPath: orgPathSchema,
  note: z.string().max(1000),
})

/** A review matter as stored. Application fields are null on a consultation and back. */
export const reviewDataSchema = z.object({
  type: z.enum(REVIEW_TYPES),
  /** The contact point that took it in (a township or village station). */
  stationPath: orgPathSchema,
  receivedOn: isoDateSchema,
  receivedBy: z.string(),
  /** Null on a consultation; masked ({ name: '张**' }) for viewers outside the three. */
  applicant: z
    .object({
      name: z.string().min(1).max(30),
      phone: z.string().max(20).optional(),
      address: z.string().max(100).optional(),
    })
    .nullable(),
  respondent: z.string().max(60).nullable(),
  act: z.string().max(500).nullable(),
  learnedOn: isoDateSchema.nullable(),
  /** Hidden (null) with the applicant for viewers outside the three. */
  request: z.string().max(1000).nullable(),
  /** The last day to apply (review.deadline.ts). */
  applicationDue: computedDate().nullable(),
  question: z.string().max(1000).nullable(),
  answer: z.string().max(2000).nullable(),
  status: z.enum(REVIEW_STATUSES),
  /** The county's review body, set by the server when forwarded. */
  reviewBodyPath: orgPathSchema.nullable(),
  forwardedOn: isoDateSchema.nullable(),
  decision: z
    .object({
      outcome: z.enum(REVIEW_OUTCOMES),
      decidedOn: isoDateSchema,
      note: z.string().max(1000),
    })
    .nullable(),
  events: z.array(eventSchema).min(1),
})
/** A review matter as stored. */
export type ReviewData = z.infer<typeof reviewDataSchema>
