/**
 * Assessment campaigns (群众评议), the villager assessment form (群众评议表)
 * with the seed's fields, and the post-evaluation case (实施后评估) that a
 * poor result opens for the issuing department.
 */
import { z } from 'zod'
import { optionalText, text } from '../common/text.schema.ts'
import { isoDateSchema as dateSchema } from '../common/date.schema.ts'
import { orgPathSchema } from '../common/fields.schema.ts'

/** The four rated questions of the form, each on a labelled 5-point scale. */
export const SCALE_QUESTIONS = ['effect', 'satisfaction', 'operability', 'reasonableness'] as const
/** A rated question: 实施效果 / 满意度 / 可操作性 / 合理性. */
export type ScaleQuestion = (typeof SCALE_QUESTIONS)[number]
/** The free-text questions: 存在的不足 / 存在风险 / 改进建议. */
export const TEXT_QUESTIONS = ['shortcomings', 'risks', 'suggestions'] as const
/** A free-text question. */
export type TextQuestion = (typeof TEXT_QUESTIONS)[number]
/** Points of every scale; 4 and 5 count as satisfied (满意/比较满意). */
export const SCALE_POINTS = [1, 2, 3, 4, 5] as const
/** The lowest point that counts as satisfied. */
export const SATISFIED_FROM = 4

/** Optional respondent details; never a name (the form is anonymous by default). */
export const AGE_BANDS = ['under_30', '30_44', '45_59', '60_74', '75_plus'] as const
export type AgeBand = (typeof AGE_BANDS)[number]
export const RESPONDENT_ROLES = [
  'villager',
  'farmer',
  'migrant_worker',
  'business',
  'party_member',
  'other',
] as const
export type RespondentRole = (typeof RESPONDENT_ROLES)[number]

/** How the form reached the ledger: the villager's own phone, or a cadre's transcription of paper. */
export const FORM_CHANNELS = ['self_service', 'assisted'] as const
export type FormChannel = (typeof FORM_CHANNELS)[number]

const point = z.number({ error: '请选择评分' }).int().min(1, '请选择评分').max(5, '请选择评分')
const freeText = optionalText({ max: 500, multiline: true }).default('')

/** The answers of one form: what a villager fills in, on a phone or on paper. */
export const formAnswersSchema = z.object({
  villagePath: orgPathSchema,
  scores: z.object({
    effect: point,
    satisfaction: point,
    operability: point,
    reasonableness: point,
  }),
  shortcomings: freeText,
  risks: freeText,
  suggestions: freeText,
  ageBand: z.enum(AGE_BANDS).nullable().default(null),
  respondentRole: z.enum(RESPONDENT_ROLES).nullable().default(null),
})
/** A form's answers as typed. */
export type FormAnswersInput = z.input<typeof formAnswersSchema>
/** A form's answers after validation. */
export type FormAnswers = z.infer<typeof formAnswersSchema>

/** What a device sends to create a form: the answers and the campaign it belongs to. */
export const formCreateSchema = formAnswersSchema.extend({
  campaignId: z.string().uuid(),
  /** Copied from the campaign so the department sees the form (audience). */
  issuingDepartment: orgPathSchema,
  channel: z.enum(FORM_CHANNELS),
})
export type FormCreateInput = z.input<typeof formCreateSchema>

/** A stored form. Answers never change; a withdrawal only marks it. */
export const formDataSchema = formCreateSchema.extend({
  /** Where it was recorded: the recorder's unit, or the village for a self-service form. */
  unitPath: orgPathSchema,
  status: z.enum(['submitted', 'withdrawn']),
  submittedAt: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string(),
  withdrawal: z
    .object({ reason: z.string(), by: z.string(), byName: z.string(), at: z.string() })
    .nullable(),
})
/** A stored assessment form. */
export type FormData = z.infer<typeof formDataSchema>

/**
 * When a campaign's results open a post-evaluation: at least `minResponses`
 * counted forms, and either the satisfied share below `satisfiedShareBelow`
 * or the share of forms naming a shortcoming or a risk at least
 * `concernShareAtLeast` (公民提出较多意见). Shares are in [0, 1].
 */
export const triggerRuleSchema = z.object({
  minResponses: z.number().int().min(1).max(10_000),
  satisfiedShareBelow: z.number().min(0).max(1),
  concernShareAtLeast: z.number().min(0).max(1),
})
export type TriggerRule = z.infer<typeof triggerRuleSchema>

/** The defaults (docs/assessment.md): 10 forms, under 60 % satisfied or 50 % raising concerns. */
export const DEFAULT_TRIGGER_RULE: TriggerRule = {
  minResponses: 10,
  satisfiedShareBelow: 0.6,
  concernShareAtLeast: 0.5,
}

/** What opens a campaign. */
export const campaignCreateSchema = z
  .object({
    policyId: z.string().uuid(),
    policyTitle: text({ max: 100, missing: '请填写政策名称' }),
    documentNumber: text({ max: 40, missing: '请填写文号' }),
    issuingDepartment: orgPathSchema,
    villages: z.array(orgPathSchema).min(1, '请选择参加评议的村社').max(500),
    /**
     * The grids of those villages: a grid worker's scope is their grid, so a
     * campaign reaches the grid workers who transcribe paper forms only
     * through these paths in its audience.
     */
    grids: z.array(orgPathSchema).max(5000).default([]),
    opensOn: dateSchema,
    closesOn: dateSchema,
    /** Only the county may set it; otherwise the defaults apply. */
    rule: triggerRuleSchema.nullable().default(null),
  })
  .refine((input) => input.closesOn >= input.opensOn, {
    message: '结束日期不能早于开始日期',
    path: ['closesOn'],
  })
export type CampaignCreateInput = z.input<typeof campaignCreateSchema>

/** A stored campaign. */
export const campaignDataSchema = z.object({
  policyId: z.string(),
  policyTitle: z.string(),
  documentNumber: z.string(),
  issuingDepartment: orgPathSchema,
  villages: z.array(orgPathSchema),
  grids: z.array(orgPathSchema),
  opensOn: dateSchema,
  closesOn: dateSchema,
  rule: triggerRuleSchema,
  status: z.enum(['open', 'closed']),
  openedBy: z.string(),
  openedByName: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
})
/** A stored campaign. */
export type CampaignData = z.infer<typeof campaignDataSchema>

/** 继续实施 / 调整修改 / 终止执行. */
export const POST_EVALUATION_DECISIONS = ['continue', 'adjust', 'terminate'] as const
export type PostEvaluationDecision = (typeof POST_EVALUATION_DECISIONS)[number]

export const conclusionInputSchema = z.object({
  decision: z.enum(POST_EVALUATION_DECISIONS, { error: '请选择评估结论' }),
  reasons: text({
    max: 2000,
    missing: '请填写理由',
    tooLong: '理由不超过2000字',
    multiline: true,
  }),
})
export type ConclusionInput = z.input<typeof conclusionInputSchema>

/** The figures that crossed the rule, frozen when the case opened. */
export const triggerFindingSchema = z.object({
  responses: z.number().int(),
  satisfiedShare: z.number(),
  concernShare: z.number(),
  reasons: z.array(z.enum(['low_satisfaction', 'many_concerns'])),
})
export type TriggerFinding = z.infer<typeof triggerFindingSchema>

/** A post-evaluation case; its id is its campaign's id (one case per campaign). */
export const postEvaluationDataSchema = z.object({
  campaignId: z.string(),
  policyId: z.string(),
  policyTitle: z.string(),
  documentNumber: z.string(),
  issuingDepartment: orgPathSchema,
  villages: z.array(orgPathSchema),
  rule: triggerRuleSchema,
  finding: triggerFindingSchema,
  /** The forms counted when it opened (群众评议表作为后评估报告的组成部分). */
  formIds: z.array(z.string()),
  openedAt: z.string(),
  status: z.enum(['open', 'concluded']),
  conclusion: conclusionInputSchema
    .extend({ by: z.string(), byName: z.string(), at: z.string() })
    .nullable(),
})
/** A stored post-evaluation case. */
export type PostEvaluationData = z.infer<typeof postEvaluationDataSchema>
