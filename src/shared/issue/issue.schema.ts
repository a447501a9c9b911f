/**
 * Issue reports (说事/诉求): what a grid worker captures from a resident, and
 * what the server keeps about the matter as it travels up the tiers and back.
 * The data schema validates every stored state, including the invariants that
 * tie the lifecycle fields together; the capture form's schema is in
 * issue.capture.schema.ts.
 */
import { z } from 'zod'
import { roleSchema } from '../auth/auth.schema.ts'
import { computedDate, isoDateSchema } from '../common/date.schema.ts'
import {
  entryIdSchema,
  instantSchema,
  orgPathSchema,
  photoHashSchema,
} from '../common/fields.schema.ts'
import { DOMAIN_TAGS } from '../common/tags.ts'
import { voiceNoteSchema } from '../media/media.ts'
import { deputyOriginSchema } from '../deputy/deputy.schema.ts'
import { SATISFACTIONS } from './issue.resident.ts'

/** Where the matter was raised: 网格走访 / 说事站 / 线上 / 来电 / 来访 / 代表委员 (a deputy's visit). */
export const ISSUE_CHANNELS = [
  'grid_visit',
  'station',
  'online',
  'phone_call',
  'walk_in',
  'deputy',
] as const
/** How the matter came in. */
export type IssueChannel = (typeof ISSUE_CHANNELS)[number]

/** The seed's classification: 个人事项 / 公益事项 / 行政管理事项. */
export const ISSUE_CATEGORIES = ['personal', 'public_interest', 'administrative'] as const
/** The seed's classification of a matter. */
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number]

/** 一般 / 紧急 / 特急. */
export const ISSUE_URGENCIES = ['normal', 'urgent', 'critical'] as const
/** How urgent the matter is. */
export type IssueUrgency = (typeof ISSUE_URGENCIES)[number]

/**
 * The discussable-items list's verdict (《村民议事会议事内容清单》): matters fixed
 * by law or national policy, or outside village self-government, may not be
 * put to deliberation.
 */
export const DISCUSSABLE_VERDICTS = ['discussable', 'not_discussable', 'unknown'] as const
/** A verdict of the discussable-items list. */
export type DiscussableVerdict = (typeof DISCUSSABLE_VERDICTS)[number]

// The ratings live with the zod-free words the public pages share; kept importable from here.
export { SATISFACTIONS, type Satisfaction } from './issue.resident.ts'

/**
 * The lifecycle. Every resolution (local, by the township, by a department's
 * reply) leads to `awaiting_feedback`; only a feedback visit leads to `closed`.
 * `withdrawn` and `merged` are the other two end states. See issue.machine.ts.
 */
export const ISSUE_STATUSES = [
  'registered',
  'accepted',
  'scheduled_for_meeting',
  'escalated',
  'dispatched',
  'awaiting_feedback',
  'closed',
  'withdrawn',
  'merged',
] as const
/** Where an issue stands in its lifecycle. */
export type IssueStatus = (typeof ISSUE_STATUSES)[number]

/** Statuses from which nothing moves on. */
export const TERMINAL_STATUSES: readonly IssueStatus[] = ['closed', 'withdrawn', 'merged']

/** The transitions of the lifecycle (issue.machine.ts defines who may take each). */
export const ISSUE_ACTIONS = [
  'accept',
  'set_discussable',
  'set_private',
  'resolve_locally',
  'agree',
  'schedule_meeting',
  'escalate',
  'return_to_village',
  'resolve_by_township',
  'dispatch',
  'return_to_township',
  'reply',
  'feedback',
  'withdraw',
  'merge',
] as const
/** A lifecycle transition. */
export type IssueAction = (typeof ISSUE_ACTIONS)[number]

/** What a ledger entry records: a transition, the first registration, or an edit of the captured fields. */
export const ISSUE_EVENT_ACTIONS = ['register', 'edit', ...ISSUE_ACTIONS] as const
/** The kind of a ledger entry. */
export type IssueEventAction = (typeof ISSUE_EVENT_ACTIONS)[number]

/**
 * The stages that carry a deadline in working days: the village accepts, the
 * village handles, the township handles, the department replies, the grid
 * worker visits for feedback.
 */
export const ISSUE_STAGES = ['accept', 'village', 'township', 'department', 'feedback'] as const
/** A stage with its own deadline. */
export type IssueStage = (typeof ISSUE_STAGES)[number]

/** The tiers that can resolve a matter. */
export const RESOLUTION_TIERS = ['village', 'township', 'department'] as const
/** Who answered the matter. */
export type ResolutionTier = (typeof RESOLUTION_TIERS)[number]

// ---------------------------------------------------------------------------
// Field schemas shared by capture and storage

/** A tracking code's SHA-256, hex. */
export const trackingHashSchema = z.string().regex(/^[0-9a-f]{64}$/, '查询码格式不正确')

/**
 * Where an imported report came from (issue #19.3): the source platform's
 * name and its own ticket number. Only the import actor sets it (issue.kind.ts).
 */
export const externalTicketSchema = z.object({
  source: z.string().min(1, '来源平台不正确').max(30, '来源平台不正确'),
  ticket: z.string().min(1, '请填写工单编号').max(60, '工单编号不超过60字'),
})
/** Where an imported report came from. */
export type ExternalTicket = z.infer<typeof externalTicketSchema>

/** Up to nine photos. */
export const MAX_PHOTOS = 9

/** Where the matter was raised, with the browser's accuracy; only with the resident's consent. */
export const gpsSchema = z.object(
  {
    lat: z.number({ error: '纬度不正确' }).min(-90, '纬度不正确').max(90, '纬度不正确'),
    lng: z.number({ error: '经度不正确' }).min(-180, '经度不正确').max(180, '经度不正确'),
    /** Metres, as the browser reports it. */
    accuracy: z
      .number({ error: '定位精度不正确' })
      .min(0, '定位精度不正确')
      .max(100_000, '定位精度不正确'),
  },
  { error: '定位格式不正确' },
)

/** The captured fields the cross-field rules read (a capture, an edit or a stored state). */
export interface CrossFieldInput {
  isAnonymous?: boolean
  resident?: { name?: string; phone?: string } | null
  gpsConsent?: boolean
  gps?: unknown
}

/** The rules between captured fields: anonymity stores no personal data, GPS needs consent. */
export function checkCaptureRules(value: CrossFieldInput, ctx: z.RefinementCtx): void {
  if (value.isAnonymous === true && value.resident) {
    ctx.addIssue({ code: 'custom', path: ['resident'], message: '匿名说事不登记姓名和电话' })
  }
  if (value.resident && value.resident.name === undefined && value.resident.phone === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['resident'],
      message: '请填写群众姓名或电话，或选择匿名',
    })
  }
  if (value.gps && value.gpsConsent !== true) {
    ctx.addIssue({ code: 'custom', path: ['gps'], message: '未经群众同意不能记录定位' })
  }
}

// ---------------------------------------------------------------------------
// Stored data

/** A deadline of one stage, counted in working days from the day the stage began. */
export const stageDeadlineSchema = z.object({
  startedOn: computedDate(),
  due: computedDate(),
  workingDays: z.number().int().min(0),
  /** The count touched a year without published holiday data (weekday rule used). */
  isEstimate: z.boolean(),
  /**
   * The version of the county's settings whose table gave `workingDays`
   * (src/shared/settings); absent: the initial table. A later change of the
   * table never rewrites this deadline.
   */
  tableVersion: z.number().int().min(1).optional(),
})
/** A deadline of one stage. */
export type StageDeadline = z.infer<typeof stageDeadlineSchema>

const deadlinesSchema = z.object({
  accept: stageDeadlineSchema.optional(),
  village: stageDeadlineSchema.optional(),
  township: stageDeadlineSchema.optional(),
  department: stageDeadlineSchema.optional(),
  feedback: stageDeadlineSchema.optional(),
})
/** The latest deadline of each stage reached so far (earlier ones are in the ledger). */
export type IssueDeadlines = z.infer<typeof deadlinesSchema>

/** The resident's rating, as recorded at the latest feedback visit. */
export const feedbackSchema = z.object({
  satisfaction: z.enum(SATISFACTIONS, { error: '请选择群众满意度' }),
  comment: z.string().max(500, '群众意见不超过500字'),
  /** The resident's words at the visit, recorded. */
  voiceNote: voiceNoteSchema.optional(),
  /** The resident's signature drawn on the screen (a PNG blob's sha-256). */
  signature: photoHashSchema.optional(),
})
/** The resident's rating. */
export type Feedback = z.infer<typeof feedbackSchema>

/** The answer given to the resident (the grid worker takes it to the feedback visit). */
export const resolutionSchema = z.object({
  tier: z.enum(RESOLUTION_TIERS),
  text: z.string().min(1).max(2000),
  unitPath: orgPathSchema,
  actorName: z.string(),
  at: instantSchema,
})
/** The answer given to the resident. */
export type Resolution = z.infer<typeof resolutionSchema>

/** One entry of the ledger (台账): appended by every change, never edited. */
export const issueEventSchema = z.object({
  /** Sequence number within the issue, from "1". */
  id: entryIdSchema,
  action: z.enum(ISSUE_EVENT_ACTIONS),
  /** Null for the registration. */
  fromStatus: z.enum(ISSUE_STATUSES).nullable(),
  toStatus: z.enum(ISSUE_STATUSES),
  actorId: z.string(),
  actorName: z.string(),
  actorRole: roleSchema,
  unitId: z.string(),
  unitPath: z.string(),
  at: instantSchema,
  /** The reason, reply, resolution or resident's comment the actor wrote. */
  note: z.string().max(2000),
  /** Structured facts of the step (department, satisfaction, meeting, merged-into id, edited fields…). */
  details: z.record(z.string(), z.string()),
})
/** One ledger entry. */
export type IssueEvent = z.infer<typeof issueEventSchema>

const storedShape = {
  isAnonymous: z.boolean(),
  /** Name and phone; masked ('张**', '138****1234') for viewers without the right to see them. */
  resident: z
    .object({
      name: z.string().min(1).max(30).optional(),
      phone: z.string().min(1).max(20).optional(),
    })
    .nullable(),
  channel: z.enum(ISSUE_CHANNELS),
  category: z.enum(ISSUE_CATEGORIES),
  tags: z.array(z.enum(DOMAIN_TAGS)).min(1),
  title: z.string().min(1).max(60),
  description: z.string().min(1).max(2000),
  place: z.string().max(100).optional(),
  gpsConsent: z.boolean(),
  gps: gpsSchema.nullable(),
  photos: z.array(photoHashSchema).max(MAX_PHOTOS),
  /** The resident's own words, recorded at capture (docs/field.md). */
  voiceNote: voiceNoteSchema.optional(),
  urgency: z.enum(ISSUE_URGENCIES),
  isPrivate: z.boolean(),
  discussable: z.object({
    verdict: z.enum(DISCUSSABLE_VERDICTS),
    /** Set when the village overrode the list's suggestion. */
    overriddenReason: z.string().min(1).max(200).optional(),
  }),
  gridId: z.string().min(1),
  /** Home: the grid's path. Everyone above it in the tree sees the issue. */
  orgPath: orgPathSchema,
  status: z.enum(ISSUE_STATUSES),
  reporterId: z.string(),
  reporterName: z.string(),
  createdAt: instantSchema,
  /** The township's path once the village escalated it (kept through dispatch). */
  escalatedToTownship: orgPathSchema.nullable(),
  /** The county department's path while it is dispatched to one (and after it replied). */
  assignedDepartment: orgPathSchema.nullable(),
  /** The discussion day it was put to, when it was. */
  meeting: z.object({ id: z.string().min(1), date: isoDateSchema }).nullable(),
  deadlines: deadlinesSchema,
  resolution: resolutionSchema.nullable(),
  feedback: feedbackSchema.nullable(),
  /** The issue this one duplicates, when merged. */
  mergedInto: z.string().nullable(),
  /** How many times a dissatisfied resident reopened it. */
  reopenCount: z.number().int().min(0),
  events: z.array(issueEventSchema).min(1),
  /**
   * Set when a deputy raised the matter from a visit's opinion: their unit
   * joins the audience, so they follow it on their own list.
   */
  deputy: deputyOriginSchema.extend({ unitPath: orgPathSchema }).optional(),
  /**
   * SHA-256 (hex) of the resident's tracking code (回执查询码), made on the
   * device or by the public route; the code itself never reaches the server.
   * Only the server holds it: every viewer's projection drops it.
   */
  trackingHash: trackingHashSchema.optional(),
  /** Set when the report was imported from another platform: its source and ticket number. */
  external: externalTicketSchema.optional(),
}

const storedObjectSchema = z.object(storedShape)

/** Lifecycle invariants that every stored state satisfies. */
function checkDataRules(data: z.infer<typeof storedObjectSchema>, ctx: z.RefinementCtx): void {
  checkCaptureRules(data, ctx)
  const fail = (path: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [path], message })
  if (!data.orgPath.endsWith(`/${data.gridId}/`)) fail('gridId', '网格与单位路径不一致')
  if (data.deputy && data.channel !== 'deputy')
    fail('channel', '代表委员转交的说事来源应为代表委员')
  if ((data.status === 'merged') !== (data.mergedInto !== null))
    fail('mergedInto', '合并状态与合并目标不一致')
  if (data.status === 'dispatched' && data.assignedDepartment === null)
    fail('assignedDepartment', '派发状态缺少承办部门')
  if (
    (data.status === 'escalated' || data.status === 'dispatched') &&
    data.escalatedToTownship === null
  ) {
    fail('escalatedToTownship', '上报状态缺少乡镇')
  }
  if (data.status === 'awaiting_feedback' && data.resolution === null)
    fail('resolution', '待回访的说事缺少答复内容')
  const first = data.events[0]
  const last = data.events.at(-1)
  if (first?.action !== 'register') fail('events', '台账第一条应为登记')
  if (last?.toStatus !== data.status) fail('status', '状态与台账不一致')
  // No path reaches closed without a feedback visit: the ledger proves it.
  if (data.status === 'closed') {
    if (
      last?.action !== 'feedback' ||
      data.feedback === null ||
      data.feedback.satisfaction === 'dissatisfied'
    ) {
      fail('status', '未经回访反馈不能办结')
    }
  }
  const reopened = data.events.filter(
    (event) => event.action === 'feedback' && event.toStatus !== 'closed',
  ).length
  if (reopened !== data.reopenCount) fail('reopenCount', '重新办理次数与台账不一致')
  data.events.forEach((event, index) => {
    if (event.id !== String(index + 1)) fail('events', '台账编号不连续')
  })
}

/** An issue report as the server stores it and devices hold it. */
export const issueDataSchema = storedObjectSchema.superRefine(checkDataRules)
/** An issue report as stored. */
export type IssueData = z.infer<typeof issueDataSchema>
