/**
 * The consultation as the public page receives it (no account) and what the
 * page sends back: an opinion, and a tracking code to look up its answer.
 * Opinions shown publicly carry no name, phone or village: only their
 * township, their text and the department's answer.
 */
import { z } from 'zod'
import { publicListingSchema } from '../livelihood/public-listing.ts'
import { optionalText, text } from '../common/text.schema.ts'
import { orgPathSchema } from '../common/fields.schema.ts'
import { VERDICTS } from './opinion.schema.ts'

/** 采纳 / 部分采纳 / 不予采纳 / 已有规定, as the public page shows an answer. */
const publicAnswerSchema = z.object({
  verdict: z.enum(VERDICTS),
  reason: z.string().nullable(),
  answeredOn: z.string(),
})
/** An answer as the public sees it. */
export type PublicAnswer = z.infer<typeof publicAnswerSchema>

/** An answered opinion on the public page: anonymised (township only). */
export const publicOpinionSchema = z.object({
  text: z.string(),
  channel: z.string(),
  townshipName: z.string(),
  answer: publicAnswerSchema,
})
/** An answered opinion on the public page. */
export type PublicOpinion = z.infer<typeof publicOpinionSchema>

/** GET /api/public/consultations/:id: what is disclosed before, during and after the decision. */
export const publicConsultationSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  domain: z.string(),
  departmentName: z.string(),
  status: z.string(),
  background: z.string(),
  basis: z.string(),
  draftText: z.string(),
  qa: z.array(z.object({ question: z.string(), answer: z.string() })),
  opensOn: z.string(),
  closesOn: z.string(),
  /** Opinions are taken now (open, within its period). */
  isOpen: z.boolean(),
  /** The day every opinion is to be answered by (closesOn + the county's answer days). */
  answersDueOn: z.string().nullable(),
  /** The villages a person may say they are from (those concerned). */
  villages: z.array(z.object({ path: z.string(), name: z.string() })),
  /** Opinions received so far, every channel. */
  opinionCount: z.number().int(),
  /** The answered ones, anonymised. */
  answered: z.array(publicOpinionSchema),
  /** After the decision: its result and implementation plan (决策后公开). */
  decision: z.object({ result: z.string(), implementationPlan: z.string() }).nullable(),
})
/** The public consultation page's data. */
export type PublicConsultation = z.infer<typeof publicConsultationSchema>

/** The longest public opinion. */
export const PUBLIC_OPINION_MAX = 1000

/** What the public page sends. `website` is a honeypot: a person never sees or fills it. */
export const publicOpinionInputSchema = z.object({
  text: text({
    max: PUBLIC_OPINION_MAX,
    missing: '请填写您的意见',
    tooLong: `意见不超过${PUBLIC_OPINION_MAX}字`,
    multiline: true,
  }),
  villagePath: orgPathSchema.nullable().default(null),
  name: optionalText({ max: 30, tooLong: '姓名不超过30字' }).default(''),
  phone: z
    .string()
    .max(20)
    .regex(/^(|[0-9-]{5,20})$/, '电话号码格式不正确')
    .default(''),
  website: z.string().max(200).default(''),
})
/** The public opinion form's input. */
export type PublicOpinionInput = z.input<typeof publicOpinionInputSchema>

/** The answer to a sent opinion: the code to write down. */
export const opinionReceiptSchema = z.object({ trackingCode: z.string() })

/** POST /api/public/opinions/lookup: the tracking code (in the body, never in a URL or a log). */
export const trackingLookupSchema = z.object({ code: z.string().max(32) })

/** The one opinion a tracking code finds, and its answer: nothing else. */
export const trackedOpinionSchema = z.object({
  consultationId: z.string(),
  consultationTitle: z.string(),
  text: z.string(),
  submittedOn: z.string(),
  answersDueOn: z.string().nullable(),
  answer: publicAnswerSchema.nullable(),
  /** The livelihood item the opinion backs, when a township put it on its list (#16.1). */
  listing: publicListingSchema.nullable(),
})
/** The one opinion a tracking code finds. */
export type TrackedOpinion = z.infer<typeof trackedOpinionSchema>
