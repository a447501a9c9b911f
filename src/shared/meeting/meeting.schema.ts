/**
 * Discussion days (固定议事日, seed 002): a village (or one of its grids) plans
 * a day on the fixed-day schedule with its topics — open issue reports — the
 * policies to interpret first (先解读，再议事), the mediators sent for the
 * topics and the residents to notify; on the day the minutes are recorded
 * (sign-in, interpretation, per topic the views heard and the outcome); the
 * cadre signs the record off, after which it only takes amendments.
 */
import { z } from 'zod'
import { roleSchema } from '../auth/auth.schema.ts'
import { DISCUSSABLE_VERDICTS, ISSUE_STATUSES, MAX_PHOTOS } from '../issue/issue.schema.ts'
import { DOMAIN_TAGS } from '../common/tags.ts'
import { isoDateSchema } from '../common/date.schema.ts'
import { entryIdSchema, orgPathSchema, photoHashSchema } from '../common/fields.schema.ts'
import { MAX_SIGNATURES, signatureSchema } from '../media/media.ts'
import { MEDIATOR_LEVELS } from './mediator.schema.ts'
import { optionalText, text } from '../common/text.schema.ts'

/** The record kind's name in the sync protocol. */
export const MEETING_KIND = 'meeting'

/**
 * The forms of deliberation (seed 002): 围炉夜话, 屋檐课堂, 集体共议, 联谊协商
 * are collective; 点对点 is the one-to-one talk for a matter touching privacy.
 */
export const MEETING_FORMS = [
  'fireside_talk',
  'eaves_classroom',
  'collective',
  'fellowship',
  'point_to_point',
] as const
/** A form of deliberation. */
export type MeetingForm = (typeof MEETING_FORMS)[number]

/** planned → held (minutes being recorded) → signed_off (locked); or planned → cancelled. */
export const MEETING_STATUSES = ['planned', 'held', 'signed_off', 'cancelled'] as const
/** Where a discussion day stands. */
export type MeetingStatus = (typeof MEETING_STATUSES)[number]

/**
 * What came of a topic: 达成共识 (agreed: the issue leaves 待议事 and the village
 * carries out what was agreed), 就地化解 (resolved: the issue is resolved
 * locally), 吹哨上报 (escalated: the issue goes to the township with the
 * minutes as reason), 暂缓再议 (deferred: it stays on the agenda).
 */
export const TOPIC_OUTCOMES = ['agreed', 'resolved', 'escalated', 'deferred'] as const
/** The outcome of one topic. */
export type TopicOutcome = (typeof TOPIC_OUTCOMES)[number]

/** Outcomes that become a transition of the linked issue report, and so can never change. */
export const TRANSITION_OUTCOMES = [
  'agreed',
  'resolved',
  'escalated',
] as const satisfies readonly TopicOutcome[]
/** An outcome that moves the linked issue report on. */
export type TransitionOutcome = (typeof TRANSITION_OUTCOMES)[number]

/** True when `outcome` became the issue's own transition. */
export function isTransitionOutcome(outcome: TopicOutcome | null): outcome is TransitionOutcome {
  return TRANSITION_OUTCOMES.some((known) => known === outcome)
}

/** What the ledger of a discussion day records. */
export const MEETING_ACTIONS = [
  'plan',
  'update_plan',
  'record',
  'sign_off',
  'amend',
  'cancel',
  'drop_topic',
] as const
/** An entry of a discussion day's ledger. */
export type MeetingAction = (typeof MEETING_ACTIONS)[number]

// The one text rule (src/shared/common/text.schema.ts), in this file's three shapes.
const line = (missing: string, max: number) => text({ max, missing })
const optionalLine = (max: number, multiline = false) => optionalText({ max, multiline }).optional()
const longText = (max: number) => optionalText({ max, multiline: true })
const idSchema = z.string({ error: '编号不正确' }).min(1, '编号不正确').max(64, '编号不正确')

/**
 * A topic as the planner picked it: the issue report and the facts of it the
 * planner's device held (title, tags, privacy, verdict, home). The issue's own
 * state machine re-checks them when the topic is scheduled (schedule_meeting).
 */
export const topicPlanSchema = z.object({
  issueId: idSchema,
  title: line('议题标题不能为空', 60),
  tags: z.array(z.enum(DOMAIN_TAGS)).min(1),
  isPrivate: z.boolean(),
  verdict: z.enum(DISCUSSABLE_VERDICTS),
  status: z.enum(ISSUE_STATUSES),
  orgPath: orgPathSchema,
})
/** A topic as planned. */
export type TopicPlan = z.infer<typeof topicPlanSchema>

/** A topic with what the day made of it. */
export const topicSchema = topicPlanSchema.extend({
  views: longText(2000),
  outcome: z.enum(TOPIC_OUTCOMES).nullable(),
  /** The decision as minuted (the reason of an escalation, the resolution told to the resident). */
  minutes: longText(2000),
  followUps: longText(1000),
})
/** A topic of the day. */
export type Topic = z.infer<typeof topicSchema>

/**
 * A policy to interpret first. Policies are their own records (issue #7);
 * until they land the planner types the title and document number, and
 * `policyId` links a policy record when there is one.
 */
export const policyRefSchema = z.object({
  policyId: idSchema.optional(),
  title: line('请填写政策名称', 100),
  documentNumber: optionalLine(60),
  /** Who interpreted it on the day (谁起草、谁解读: usually the drafting department's person). */
  interpretedBy: optionalLine(60),
  interpretation: optionalLine(1000, true),
})
/** A policy to interpret. */
export type PolicyRef = z.infer<typeof policyRefSchema>

/**
 * A consultation (征求意见事项) the day takes up: its draft is interpreted
 * first (先解读再议事) and the opinions heard are recorded as opinion
 * records naming the day (src/shared/consultation/).
 */
export const consultationRefSchema = z.object({
  consultationId: idSchema,
  title: line('请填写事项名称', 100),
})
/** A consultation taken up on the day. */
export type ConsultationRef = z.infer<typeof consultationRefSchema>

/** A mediator sent to the day, as the pool listed them when invited. */
export const invitedMediatorSchema = z.object({
  mediatorId: idSchema,
  name: line('解事员姓名不能为空', 30),
  level: z.enum(MEDIATOR_LEVELS),
  userId: idSchema.optional(),
})
/** An invited mediator. */
export type InvitedMediator = z.infer<typeof invitedMediatorSchema>

/** A resident concerned, to be notified (name and a note such as the group; no phone). */
export const noticeSchema = z.object({ name: line('请填写姓名', 30), note: optionalLine(60) })

/** Sign-in: the count and named representatives, or photos of the paper sheet. */
export const signInSchema = z.object({
  count: z
    .number({ error: '请填写到会人数' })
    .int('人数应为整数')
    .min(0, '人数不正确')
    .max(10_000, '人数不正确'),
  representatives: z.array(line('代表姓名不能为空', 30)).max(50, '代表最多50人'),
  sheetPhotos: z.array(photoHashSchema).max(MAX_PHOTOS, `最多${MAX_PHOTOS}张照片`),
  /** Signatures drawn on the screen, one per person who signed in on the phone. */
  signatures: z
    .array(signatureSchema)
    .max(MAX_SIGNATURES, `最多${MAX_SIGNATURES}人签名`)
    .optional(),
})
/** The sign-in of the day. */
export type SignIn = z.infer<typeof signInSchema>

/** The planned fields (plan and update_plan). */
export const meetingPlanShape = {
  date: isoDateSchema,
  startTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式不正确')
    .optional(),
  place: line('请填写议事地点', 100),
  form: z.enum(MEETING_FORMS, { error: '请选择议事形式' }),
  topics: z
    .array(topicPlanSchema, { error: '请选择议题' })
    .min(1, '请至少选择一个议题')
    .max(20, '一次议事最多20个议题'),
  policies: z.array(policyRefSchema).max(10, '最多10项政策'),
  /** Absent on days planned before consultations existed. */
  consultations: z.array(consultationRefSchema).max(5, '最多5个征求意见事项').default([]),
  mediators: z.array(invitedMediatorSchema).max(20, '最多邀请20名解事员'),
  notices: z.array(noticeSchema).max(200, '最多200人'),
}

/** The 'plan' (create) payload: the plan and the unit that holds the day. */
export const meetingCreateSchema = z.object({ ...meetingPlanShape, orgPath: orgPathSchema })
/** The 'plan' payload. */
export type MeetingCreateInput = z.infer<typeof meetingCreateSchema>

/** The 'update_plan' payload: the changed plan fields. */
export const meetingPlanUpdateSchema = z.object(meetingPlanShape).partial()

/** The 'record' payload: the minutes so far (each field optional; topics by issue id). */
export const meetingRecordSchema = z.object({
  signIn: signInSchema.optional(),
  policies: z.array(policyRefSchema).max(10, '最多10项政策').optional(),
  topics: z
    .array(
      z.object({
        issueId: idSchema,
        views: longText(2000).optional(),
        outcome: z.enum(TOPIC_OUTCOMES, { error: '请选择议事结果' }).nullable().optional(),
        minutes: longText(2000).optional(),
        followUps: longText(1000).optional(),
      }),
    )
    .optional(),
  photos: z.array(photoHashSchema).max(MAX_PHOTOS, `最多${MAX_PHOTOS}张照片`).optional(),
})
/** The 'record' payload. */
export type MeetingRecordInput = z.infer<typeof meetingRecordSchema>

/** A correction added after sign-off; the signed record itself never changes. */
export const amendmentSchema = z.object({
  id: entryIdSchema,
  text: text({ max: 1000, missing: '请填写补正内容', multiline: true }),
  byId: z.string(),
  byName: z.string(),
  at: z.string(),
})
/** An amendment. */
export type Amendment = z.infer<typeof amendmentSchema>

/** One ledger entry of the day. */
export const meetingEventSchema = z.object({
  action: z.enum(MEETING_ACTIONS),
  actorId: z.string(),
  actorName: z.string(),
  actorRole: roleSchema,
  at: z.string(),
  note: z.string().max(1000),
})
/** A ledger entry. */
export type MeetingEvent = z.infer<typeof meetingEventSchema>

/** A discussion day as stored. */
export const meetingDataSchema = z.object({
  ...meetingPlanShape,
  topics: z.array(topicSchema).min(1).max(20),
  /** Home: the village (or grid) holding the day. */
  orgPath: orgPathSchema,
  status: z.enum(MEETING_STATUSES),
  plannedById: z.string(),
  plannedByName: z.string(),
  createdAt: z.string(),
  signIn: signInSchema.nullable(),
  photos: z.array(photoHashSchema).max(MAX_PHOTOS),
  signedOff: z.object({ byId: z.string(), byName: z.string(), at: z.string() }).nullable(),
  amendments: z.array(amendmentSchema),
  cancelReason: z.string().max(500).nullable(),
  events: z.array(meetingEventSchema).min(1),
})
/** A discussion day. */
export type MeetingData = z.infer<typeof meetingDataSchema>
