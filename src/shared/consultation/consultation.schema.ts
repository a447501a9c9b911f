/**
 * Public consultation (政府问政 · 征求意见, seed 002 三(四)1): before a major
 * decision, a major public policy or a normative document in one of nine
 * domains, the drafting department consults the public through every
 * channel, answers each opinion, and only then may the draft go to
 * collective review (集体审议). Opinions are their own records
 * (opinion.schema.ts) so that anyone in the field can add them offline.
 */
import { z } from 'zod'
import { optionalText, text } from '../common/text.schema.ts'
import { computedDate, isoDateSchema } from '../common/date.schema.ts'
import { orgPathSchema, photoHashSchema } from '../common/fields.schema.ts'

/** The record kind's name in the sync protocol. */
export const CONSULTATION_KIND = 'consultation'

/** 重大行政决策 / 重大公共政策 / 行政规范性文件. */
export const CONSULTATION_TYPES = ['major_decision', 'public_policy', 'normative_document'] as const
/** What is consulted on. */
export type ConsultationType = (typeof CONSULTATION_TYPES)[number]

/**
 * The types whose decision is a policy document, registered as a `policy`
 * record with its 20-working-day interpretation clock once decided.
 */
export const POLICY_TYPES: readonly ConsultationType[] = ['public_policy', 'normative_document']

/**
 * The nine domains of seed 002 (社会保障、住房保障、医疗卫生、劳动就业、教育、
 * 养老、城市建设、乡村振兴、营商环境). Not the issue tags: three of them
 * (urban construction, rural revitalisation, business environment) are no
 * matter a resident reports.
 */
export const CONSULTATION_DOMAINS = [
  'social_security',
  'housing',
  'health',
  'employment',
  'education',
  'elderly_care',
  'urban_construction',
  'rural_revitalisation',
  'business_environment',
] as const
/** A consultation domain. */
export type ConsultationDomain = (typeof CONSULTATION_DOMAINS)[number]

/**
 * draft → open → closed → answered → submitted (提交集体审议) → decided;
 * or draft → exempt → submitted → decided. The machine is in
 * consultation.machine.ts, the review gate among its rules.
 */
export const CONSULTATION_STATUSES = [
  'draft',
  'open',
  'closed',
  'answered',
  'exempt',
  'submitted',
  'decided',
] as const
/** Where a consultation stands. */
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number]

/** 依法不予公开 / 情况紧急: the two grounds on which a draft may skip consultation. */
export const EXEMPTION_GROUNDS = ['not_public_by_law', 'urgent'] as const
/** Why a draft was not consulted on. */
export type ExemptionGround = (typeof EXEMPTION_GROUNDS)[number]

const dateSchema = isoDateSchema

/** One question of the plain-language Q&A (简明问答) published with the draft. */
export const qaSchema = z.object({
  question: text({ max: 200, missing: '请填写问题', tooLong: '问题不超过200字' }),
  answer: text({ max: 1000, missing: '请填写回答', tooLong: '回答不超过1000字', multiline: true }),
})
/** A question and its answer. */
export type QaEntry = z.infer<typeof qaSchema>

/** The rows a form filled in: a row left wholly empty is not an entry. */
export function filledQa(rows: readonly QaEntry[]): QaEntry[] {
  return rows.filter((entry) => entry.question.trim() !== '' || entry.answer.trim() !== '')
}

/** The fields a department writes (create, and edit while a draft). */
export const consultationDraftShape = {
  title: text({ max: 100, missing: '请填写事项名称', tooLong: '事项名称不超过100字' }),
  type: z.enum(CONSULTATION_TYPES, { error: '请选择事项类型' }),
  domain: z.enum(CONSULTATION_DOMAINS, { error: '请选择所属领域' }),
  /** Path of the drafting (承办) department: it answers the opinions. */
  department: orgPathSchema,
  background: text({
    max: 2000,
    missing: '请填写起草背景',
    tooLong: '起草背景不超过2000字',
    multiline: true,
  }),
  basis: text({
    max: 2000,
    missing: '请填写制定依据',
    tooLong: '制定依据不超过2000字',
    multiline: true,
  }),
  draftText: text({
    max: 20_000,
    missing: '请填写征求意见稿',
    tooLong: '征求意见稿不超过20000字',
    multiline: true,
  }),
  /** Files (sha-256 of blobs uploaded the way issue photos are). */
  attachments: z.array(photoHashSchema).max(5, '附件最多5个').default([]),
  qa: z.array(qaSchema).max(20, '简明问答最多20条').default([]),
  /** Townships and villages concerned: their stations and grids see it once open. */
  concerns: z.array(orgPathSchema).min(1, '请选择涉及的乡镇或村社').max(200),
  opensOn: dateSchema,
  closesOn: dateSchema,
}

/** What a department (or the county on its behalf) types in to start a consultation. */
export const consultationCreateSchema = z
  .object(consultationDraftShape)
  .refine((input) => input.closesOn >= input.opensOn, {
    message: '截止日期不能早于开始日期',
    path: ['closesOn'],
  })
/** The create form's input. */
export type ConsultationCreateInput = z.input<typeof consultationCreateSchema>

/** The 'update' payload: the changed draft fields (a draft only). */
export const consultationUpdateSchema = z.object(consultationDraftShape).partial()

/** The 'exempt' payload: the ground, the reason and who approved it. */
export const exemptionInputSchema = z.object({
  ground: z.enum(EXEMPTION_GROUNDS, { error: '请选择不征求意见的情形' }),
  reason: text({ max: 1000, missing: '请填写理由', tooLong: '理由不超过1000字', multiline: true }),
  approver: text({ max: 60, missing: '请填写批准人', tooLong: '批准人不超过60字' }),
})
/** An exemption as typed in. */
export type ExemptionInput = z.input<typeof exemptionInputSchema>

/** A video meeting (微信云视频会) held on the consultation: its opinions name it. */
export const sessionInputSchema = z.object({
  /** Made by the device, so opinions recorded in the same batch can name it. */
  id: z.string().uuid('编号不正确'),
  heldOn: dateSchema,
  attendance: z.number({ error: '请填写参会人数' }).int().min(0).max(100_000),
  host: text({ max: 60, missing: '请填写主持人', tooLong: '主持人不超过60字' }),
  note: optionalText({ max: 1000, multiline: true }).default(''),
})
/** A video meeting as typed in. */
export type SessionInput = z.input<typeof sessionInputSchema>

/** The 'decide' payload: the result and implementation plan, published after review. */
export const decisionInputSchema = z.object({
  result: text({
    max: 2000,
    missing: '请填写审议结果',
    tooLong: '审议结果不超过2000字',
    multiline: true,
  }),
  implementationPlan: text({
    max: 4000,
    missing: '请填写实施安排',
    tooLong: '实施安排不超过4000字',
    multiline: true,
  }),
  /** The registered policy, required for a policy or normative document (POLICY_TYPES). */
  policyId: z.string().uuid().nullable().default(null),
})
/** A decision as typed in. */
export type DecisionInput = z.input<typeof decisionInputSchema>

const stamp = { by: z.string(), byName: z.string(), at: z.string() }

/** The most video meetings one consultation records (its stored record stays bounded). */
export const MAX_SESSIONS = 50

/** A stored consultation. */
export const consultationDataSchema = z.object({
  ...consultationDraftShape,
  attachments: z.array(photoHashSchema).max(5),
  qa: z.array(qaSchema).max(20),
  status: z.enum(CONSULTATION_STATUSES),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  /** When it was opened (an opensOn before this day means it was registered late). */
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** closesOn + the county's answer days, fixed when opened; `isEstimate` as for deadlines. */
  answersDue: z.object({ date: computedDate(), isEstimate: z.boolean() }).nullable(),
  answeredAt: z.string().nullable(),
  sessions: z.array(sessionInputSchema.extend(stamp)).max(MAX_SESSIONS),
  exemption: exemptionInputSchema.extend(stamp).nullable(),
  submittedAt: z.string().nullable(),
  decision: decisionInputSchema.extend(stamp).nullable(),
})
/** A stored consultation. */
export type ConsultationData = z.infer<typeof consultationDataSchema>
/** A video meeting as stored. */
export type ConsultationSession = ConsultationData['sessions'][number]
