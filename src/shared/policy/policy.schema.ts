/**
 * Policies (政策文件): what a department or the county registers so that its
 * interpretation (谁起草谁解读, within 20 working days of issue) and its
 * villagers' assessment can be followed. Interpretation sessions are kept
 * on the policy as an append-only list.
 */
import { z } from 'zod'
import { optionalText, text } from '../common/text.schema.ts'
import { computedDate, isoDateSchema } from '../common/date.schema.ts'
import { DOMAIN_TAGS } from '../common/tags.ts'
import { orgPathSchema, photoHashSchema } from '../common/fields.schema.ts'
import { qaSchema } from '../consultation/consultation.schema.ts'

// The issue schema's field schemas, shared rather than copied.
const dateSchema = isoDateSchema

/** Policy domains reuse the issue tags (社会保障, 住房, 医疗卫生…). */
export const POLICY_DOMAINS = DOMAIN_TAGS

/** What a department or the county types in to register a policy. */
export const policyCreateSchema = z.object({
  title: text({ max: 100, missing: '请填写政策名称', tooLong: '政策名称不超过100字' }),
  documentNumber: text({ max: 40, missing: '请填写文号', tooLong: '文号不超过40字' }),
  /** Path of the issuing (drafting) department: it interprets and concludes post-evaluations. */
  issuingDepartment: orgPathSchema,
  issueDate: dateSchema,
  summary: text({
    max: 500,
    missing: '请填写内容摘要',
    tooLong: '内容摘要不超过500字',
    multiline: true,
  }),
  fullText: optionalText({ max: 20_000, tooLong: '全文不超过20000字', multiline: true }).default(
    '',
  ),
  /** PDF attachments (sha-256 of blobs uploaded the way photos are). */
  attachments: z.array(photoHashSchema).max(5).default([]),
  domains: z.array(z.enum(POLICY_DOMAINS)).min(1, '请至少选择一个领域'),
  /** Townships and villages the policy concerns: their stations see it. */
  concerns: z.array(orgPathSchema).min(1, '请选择涉及的乡镇或村社').max(200),
  /** The consultation (征求意见事项) whose decision this policy is, when there was one. */
  consultationId: z.string().uuid().nullable().default(null),
})
/** The register form's output. */
export type PolicyCreateInput = z.input<typeof policyCreateSchema>

/** One interpretation session (解读宣讲): where, when, by whom, how many came. */
export const interpretationInputSchema = z.object({
  heldOn: dateSchema,
  place: text({ max: 60, missing: '请填写地点', tooLong: '地点不超过60字' }),
  interpreter: text({ max: 60, missing: '请填写解读人', tooLong: '解读人不超过60字' }),
  attendance: z.number({ error: '请填写参加人数' }).int().min(0).max(100_000),
  /** The discussion day (议事日) it was part of, when it was one. */
  meetingId: z.string().max(64).nullable().default(null),
  note: optionalText({ max: 500, multiline: true }).default(''),
  /**
   * The session's plain-language Q&A (简明问答, seed 004): residents'
   * questions and the interpreter's answers, published on the station's
   * 双公开 wall (src/shared/disclosure/public-affairs.ts).
   */
  qa: z.array(qaSchema).max(20, '简明问答最多20条').default([]),
})
/** An interpretation session as typed in. */
export type InterpretationInput = z.input<typeof interpretationInputSchema>

export const interpretationSchema = interpretationInputSchema.extend({
  recordedBy: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
})
/** An interpretation session as stored. */
export type Interpretation = z.infer<typeof interpretationSchema>

/** A stored policy. */
export const policyDataSchema = policyCreateSchema.extend({
  registeredBy: z.string(),
  registeredByName: z.string(),
  registeredAt: z.string(),
  /** Issue date + 20 working days; `isEstimate` when a year's holidays were not yet published. */
  interpretationDeadline: z.object({ date: computedDate(), isEstimate: z.boolean() }),
  interpretations: z.array(interpretationSchema),
})
/** A stored policy. */
export type PolicyData = z.infer<typeof policyDataSchema>
