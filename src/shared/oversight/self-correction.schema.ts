/**
 * Self-correction cases of administrative law enforcement (行政执法自我纠错,
 * seed 002 三(五)3): every complaint, appeal or report about an enforcement
 * act, true or not, first starts the enforcing department's self-correction
 * procedure — five steps in order, then a result with its reason — while the
 * county's enforcement-supervision body reviews files and visits downward
 * (案卷评查, 实地走访) and may open a correction investigation on any act.
 */
import { z } from 'zod'
import { computedDate, isoDateSchema } from '../common/date.schema.ts'
import { instantSchema, orgPathSchema } from '../common/fields.schema.ts'
import { optionalText, text } from '../common/text.schema.ts'
import { stageDeadlineSchema } from '../issue/issue.schema.ts'
import { ENFORCEMENT_COMPLAINT_TYPES } from './enforcement.ts'

/** The kind's name in the sync protocol. */
export const SELF_CORRECTION_KIND = 'self_correction'

/** 查阅卷宗 / 调查取证 / 听取意见 / 回溯分析原因 / 反馈群众, in the seed's order. */
export const SELF_CORRECTION_STEPS = [
  'file_review',
  'investigation',
  'hearing',
  'cause_analysis',
  'feedback',
] as const
/** A step of the self-correction procedure. */
export type SelfCorrectionStep = (typeof SELF_CORRECTION_STEPS)[number]

/** 属实已纠正 / 部分属实已纠正 / 不属实已说明. */
export const SELF_CORRECTION_OUTCOMES = ['corrected', 'partly_corrected', 'unfounded'] as const
/** The result of a case. */
export type SelfCorrectionOutcome = (typeof SELF_CORRECTION_OUTCOMES)[number]

/** How a case began: a resident's complaint (automatic), or the supervision body's investigation. */
export const SELF_CORRECTION_ORIGINS = ['complaint', 'investigation'] as const
/** How a case began. */
export type SelfCorrectionOrigin = (typeof SELF_CORRECTION_ORIGINS)[number]

/** The supervision body's own checks: 案卷评查 / 实地走访. */
export const SUPERVISION_CHECKS = ['file_review', 'site_visit'] as const
/** A check by the enforcement-supervision body. */
export type SupervisionCheck = (typeof SUPERVISION_CHECKS)[number]

const findings = (missing: string) =>
  text({ max: 2000, missing, tooLong: '情况说明不超过2000字', multiline: true })

/** What opens a case: the complaint hook (system actor) or the supervision body. */
export const selfCorrectionCreateSchema = z.object({
  origin: z.enum(SELF_CORRECTION_ORIGINS, { error: '案件来源不正确' }),
  /** The issue report that carried the complaint (origin 'complaint'). */
  issueId: z.string().min(1).max(100).nullable(),
  complaintType: z.enum(ENFORCEMENT_COMPLAINT_TYPES, { error: '投诉类型不正确' }).nullable(),
  title: text({ max: 60, missing: '请填写案件名称', tooLong: '案件名称不超过60字' }),
  /** The enforcement act concerned, in a few words. */
  act: text({ max: 500, missing: '请填写涉及的执法行为', tooLong: '执法行为不超过500字' }),
  /** The enforcing department ("/county/dept/"). */
  departmentPath: orgPathSchema,
})
/** What opens a case. */
export type SelfCorrectionCreateInput = z.infer<typeof selfCorrectionCreateSchema>

/** The department records the next step; the last one carries the result and its reason. */
export const selfCorrectionStepSchema = z.object({
  step: z.enum(SELF_CORRECTION_STEPS, { error: '请选择纠错步骤' }),
  doneOn: isoDateSchema,
  findings: findings('请填写本步骤的情况'),
  outcome: z.enum(SELF_CORRECTION_OUTCOMES, { error: '请选择纠错结果' }).optional(),
  reason: optionalText({ max: 1000, tooLong: '结果理由不超过1000字', multiline: true }).optional(),
})
/** A recorded step, as the form sends it. */
export type SelfCorrectionStepInput = z.infer<typeof selfCorrectionStepSchema>

/** The supervision body's file review or site visit. */
export const supervisionCheckSchema = z.object({
  check: z.enum(SUPERVISION_CHECKS, { error: '请选择监督方式' }),
  doneOn: isoDateSchema,
  findings: findings('请填写评查或走访情况'),
})
/** A supervision check, as the form sends it. */
export type SupervisionCheckInput = z.infer<typeof supervisionCheckSchema>

const stepEntrySchema = z.object({
  step: z.enum(SELF_CORRECTION_STEPS),
  doneOn: isoDateSchema,
  findings: z.string().min(1).max(2000),
  actorName: z.string(),
  /** The step's deadline when it was recorded, and whether it was met. */
  due: computedDate(),
  isLate: z.boolean(),
})

const checkEntrySchema = z.object({
  check: z.enum(SUPERVISION_CHECKS),
  doneOn: isoDateSchema,
  findings: z.string().min(1).max(2000),
  actorName: z.string(),
  unitPath: orgPathSchema,
})

/** One ledger line (台账): appended by every change, never edited. */
const caseEventSchema = z.object({
  action: z.enum(['open', 'step', 'check']),
  at: instantSchema,
  actorName: z.string(),
  unitPath: orgPathSchema,
  note: z.string().max(2000),
})

/** A self-correction case as stored. */
export const selfCorrectionDataSchema = z.object({
  origin: z.enum(SELF_CORRECTION_ORIGINS),
  issueId: z.string().nullable(),
  complaintType: z.enum(ENFORCEMENT_COMPLAINT_TYPES).nullable(),
  title: z.string().min(1).max(60),
  act: z.string().min(1).max(500),
  departmentPath: orgPathSchema,
  /** The county's enforcement-supervision body, set by the server (null on a device until synced). */
  supervisionPath: orgPathSchema.nullable(),
  openedOn: isoDateSchema,
  status: z.enum(['open', 'concluded']),
  steps: z.array(stepEntrySchema).max(SELF_CORRECTION_STEPS.length),
  /** The deadline of the next step; null once concluded. */
  due: stageDeadlineSchema.nullable(),
  result: z
    .object({ outcome: z.enum(SELF_CORRECTION_OUTCOMES), reason: z.string().min(1).max(1000) })
    .nullable(),
  checks: z.array(checkEntrySchema),
  events: z.array(caseEventSchema).min(1),
})
/** A self-correction case as stored. */
export type SelfCorrectionData = z.infer<typeof selfCorrectionDataSchema>
