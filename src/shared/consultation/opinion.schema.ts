/**
 * An opinion (意见) on a consultation, from any channel: the public page,
 * a 民意恳谈会, a visit, a questionnaire, a discussion day, a video meeting,
 * or a mediator's assessment (解事员评估). Written once; the department
 * then tags themes, groups duplicates and answers it.
 */
import { z } from 'zod'
import { optionalText, text } from '../common/text.schema.ts'
import { isoDateSchema } from '../common/date.schema.ts'
import { orgPathSchema } from '../common/fields.schema.ts'

/** The record kind's name in the sync protocol. */
export const OPINION_KIND = 'opinion'

/**
 * Where an opinion was heard: 网上 (the public page), 民意恳谈会, 走访,
 * 调查问卷, 议事日, 微信云视频会, 解事员评估.
 */
export const OPINION_CHANNELS = [
  'public',
  'hearing',
  'visit',
  'questionnaire',
  'discussion_day',
  'video_meeting',
  'mediator_assessment',
] as const
/** A channel. */
export type OpinionChannel = (typeof OPINION_CHANNELS)[number]

/** The channels a person in the field transcribes (not the public page). */
export const TRANSCRIBED_CHANNELS = OPINION_CHANNELS.filter((channel) => channel !== 'public')

/** 采纳 / 部分采纳 / 不予采纳 / 已有规定. */
export const VERDICTS = ['adopted', 'partly_adopted', 'not_adopted', 'already_provided'] as const
/** An answer's verdict. */
export type Verdict = (typeof VERDICTS)[number]

/** The verdicts that count as adopted in the adoption rate. */
export const ADOPTED_VERDICTS: readonly Verdict[] = ['adopted', 'partly_adopted']

const idSchema = z.string({ error: '编号不正确' }).min(1, '编号不正确').max(64, '编号不正确')

/** A theme tag the department gives (free words such as 补贴标准). */
export const themeSchema = text({ max: 20, missing: '主题不能为空', tooLong: '主题不超过20字' })

/** The optional name and phone of the person: private to the department and the village. */
export const opinionResidentSchema = z
  .object({
    name: text({ max: 30, missing: '请填写姓名', tooLong: '姓名不超过30字' }).optional(),
    phone: z
      .string()
      .regex(/^[0-9-]{5,20}$/, '电话号码格式不正确')
      .optional(),
  })
  .nullable()
  .default(null)

/** What a device (or the public route, cpub) sends to create an opinion. */
export const opinionCreateSchema = z.object({
  consultationId: z.string().uuid('所选征求意见事项不正确'),
  /** Copied from the consultation (checked by the server) so that the department sees it. */
  department: orgPathSchema,
  channel: z.enum(OPINION_CHANNELS, { error: '请选择意见来源' }),
  heardOn: isoDateSchema,
  text: text({
    max: 2000,
    missing: '请填写意见内容',
    tooLong: '意见内容不超过2000字',
    multiline: true,
  }),
  resident: opinionResidentSchema,
  /** The discussion day whose minutes record it (channel discussion_day). */
  meetingId: idSchema.nullable().default(null),
  /** The consultation's video meeting (channel video_meeting). */
  sessionId: z.string().uuid().nullable().default(null),
  /**
   * The public route's only: the village the person chose on the public page
   * (or null), and the hash of the tracking code given to them. Refused from
   * anyone else: a transcribed opinion's place is its author's unit.
   */
  villagePath: orgPathSchema.nullable().default(null),
  trackingHash: z.string().max(128).nullable().default(null),
})
/** The opinion form's input. */
export type OpinionCreateInput = z.input<typeof opinionCreateSchema>

/** The 'classify' payload: the department's theme tags and duplicate group. */
export const classifyInputSchema = z.object({
  themes: z.array(themeSchema).max(5, '主题最多5个').optional(),
  /** The id of the group's lead opinion; null takes it out of its group. */
  group: idSchema.nullable().optional(),
})
/** A classification as typed in. */
export type ClassifyInput = z.input<typeof classifyInputSchema>

/** The 'answer' payload: the verdict, with a reason unless adopted. */
export const answerInputSchema = z
  .object({
    verdict: z.enum(VERDICTS, { error: '请选择采纳情况' }),
    reason: optionalText({ max: 1000, tooLong: '理由不超过1000字', multiline: true }).default(''),
  })
  .refine((input) => input.verdict === 'adopted' || input.reason !== '', {
    message: '未完全采纳的意见须说明理由',
    path: ['reason'],
  })
/** An answer as typed in. */
export type AnswerInput = z.input<typeof answerInputSchema>

/** A stored opinion. */
export const opinionDataSchema = opinionCreateSchema.extend({
  /** Where it was recorded: the author's unit, or the village (or the department) for a public one. */
  unitPath: orgPathSchema,
  /** The village it was heard in, derived from `unitPath`; null above village level. */
  villagePath: orgPathSchema.nullable(),
  themes: z.array(z.string().max(20)).max(5),
  group: idSchema.nullable(),
  answer: z
    .object({
      verdict: z.enum(VERDICTS),
      reason: z.string().max(1000).nullable(),
      answeredAt: z.string(),
      answeredBy: z.string(),
      answeredByName: z.string(),
    })
    .nullable(),
  recordedBy: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
})
/** A stored opinion. */
export type OpinionData = z.infer<typeof opinionDataSchema>
/** A stored answer. */
export type OpinionAnswer = NonNullable<OpinionData['answer']>
