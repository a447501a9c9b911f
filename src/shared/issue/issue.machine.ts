/**
 * The lifecycle of an issue report, enforced on the server and mirrored on
 * devices (to show only the actions a user may take). One table says, for
 * each transition, from which statuses, by which roles, in which units, with
 * which payload, and what it changes. Every transition appends one event to
 * the ledger; nothing in the ledger is ever edited.
 *
 *   registered ─▶ accepted ─▶ (scheduled_for_meeting) ─▶ escalated ─▶ dispatched
 *                    │                  │                    │             │
 *                    └──────────────────┴─────────┬──────────┴─────────────┘
 *                       resolve_locally    resolve_by_township    reply
 *                                                 ▼
 *                                         awaiting_feedback ─满意/基本满意─▶ closed
 *                                                 └─不满意─▶ back to the unit that answered
 *                                                    (accepted | escalated | dispatched; reopenCount + 1)
 *
 * Every edge (who: see ISSUE_TRANSITIONS):
 *   registered                       ─accept──────────────▶ accepted
 *   accepted | scheduled_for_meeting ─schedule_meeting────▶ scheduled_for_meeting
 *   scheduled_for_meeting            ─agree (达成共识)────▶ accepted
 *   accepted | scheduled_for_meeting ─resolve_locally─────▶ awaiting_feedback
 *   accepted | scheduled_for_meeting ─escalate────────────▶ escalated
 *   escalated                        ─return_to_village───▶ accepted
 *   escalated                        ─resolve_by_township─▶ awaiting_feedback
 *   escalated                        ─dispatch────────────▶ dispatched
 *   dispatched                       ─return_to_township──▶ escalated
 *   dispatched                       ─reply───────────────▶ awaiting_feedback
 *   awaiting_feedback                ─feedback 满意/基本满意▶ closed
 *   awaiting_feedback                ─feedback 不满意──────▶ accepted | escalated | dispatched
 *                                      (the tier of the answer: village | township | department)
 *   registered | accepted            ─set_discussable─────▶ (unchanged)
 *   any open status                  ─set_private─────────▶ (unchanged; off a collective day: accepted)
 *   registered … dispatched          ─withdraw────────────▶ withdrawn
 *   registered … scheduled (village), escalated (township) ─merge─▶ merged
 *
 * `closed` is entered only by a feedback event (tested as a property).
 */
import { z } from 'zod'
import type { Role } from '../auth/roles.ts'
import { addWorkingDays, chinaDate } from '../calendar/working-days.ts'
import { optionalText, text } from '../common/text.schema.ts'
import { isWithin, pathIds } from '../org/org-path.ts'
import { MutationRejection, type Actor, type Viewer } from '../sync/record-kind.ts'
import {
  DISCUSSABLE_VERDICTS,
  ISSUE_ACTIONS,
  SATISFACTIONS,
  TERMINAL_STATUSES,
  isoDateSchema,
  orgPathSchema,
  type IssueAction,
  type IssueData,
  type IssueEvent,
  type IssueStage,
  type IssueStatus,
  type StageDeadline,
} from './issue.schema.ts'
import { ISSUE_ACTION_LABELS, ISSUE_STATUS_LABELS } from './issue.labels.ts'

// ---------------------------------------------------------------------------
// Deadlines

/** Working days allowed for each stage. */
export type StageDeadlineTable = Readonly<Record<IssueStage, number>>

/**
 * Default working days per stage: the village accepts within 2, handles
 * within 5, the township within 10, a county department replies within 15,
 * and the grid worker visits for feedback within 3. The county may configure
 * its own table; every function that computes a deadline takes it as a
 * parameter (see `createIssueKind`).
 */
export const DEFAULT_STAGE_DEADLINES: StageDeadlineTable = {
  accept: 2,
  village: 5,
  township: 10,
  department: 15,
  feedback: 3,
}

/**
 * The stage whose clock runs while an issue is in a status. Entering a status
 * of another stage starts that stage's clock (so a reopened or returned
 * matter gets a fresh deadline); end states have none.
 */
export const STATUS_STAGE: Readonly<Record<IssueStatus, IssueStage | null>> = {
  registered: 'accept',
  accepted: 'village',
  scheduled_for_meeting: 'village',
  escalated: 'township',
  dispatched: 'department',
  awaiting_feedback: 'feedback',
  closed: null,
  withdrawn: null,
  merged: null,
}

/** The deadline of `stage` when it starts on `startedOn` ('YYYY-MM-DD', China time). */
export function stageDeadline(
  stage: IssueStage,
  startedOn: string,
  table: StageDeadlineTable,
): StageDeadline {
  const workingDays = table[stage]
  const { date, isEstimate } = addWorkingDays(startedOn, workingDays)
  return { startedOn, due: date, workingDays, isEstimate }
}

/** The deadline of the stage the issue is in now, or null (end states, or none recorded). */
export function currentDeadline(data: IssueData): StageDeadline | null {
  const stage = STATUS_STAGE[data.status]
  return stage ? (data.deadlines[stage] ?? null) : null
}

/**
 * True when the current stage's due date is before `today` ('YYYY-MM-DD',
 * China time — use `chinaDate(new Date().toISOString())`). The due date itself
 * is still in time. End states are never overdue.
 */
export function isOverdue(data: IssueData, today: string): boolean {
  const deadline = currentDeadline(data)
  return deadline !== null && today > deadline.due
}

// ---------------------------------------------------------------------------
// Payloads

const reason = (missing: string) =>
  text({ max: 1000, missing, tooLong: '内容不超过1000字', multiline: true })
const optionalNote = optionalText({
  max: 500,
  missing: '备注格式不正确',
  tooLong: '备注不超过500字',
  multiline: true,
}).optional()
const meetingIdSchema = z
  .string({ error: '议事日编号不正确' })
  .min(1, '议事日编号不正确')
  .max(64, '议事日编号不正确')
const answer = (missing: string) =>
  text({ max: 2000, missing, tooLong: '内容不超过2000字', multiline: true })

/**
 * The fields each transition requires, with messages in Chinese. The UI
 * validates its action forms with these; the server validates them again.
 */
export const ISSUE_ACTION_PAYLOADS = {
  accept: z.object({ note: optionalNote }),
  set_discussable: z.object({
    verdict: z.enum(DISCUSSABLE_VERDICTS, { error: '请选择是否可议' }),
    reason: text({
      max: 200,
      missing: '请填写调整理由',
      tooLong: '调整理由不超过200字',
      multiline: true,
    }),
  }),
  set_private: z.object({
    isPrivate: z.boolean({ error: '请选择是否涉及个人隐私' }),
    reason: text({
      max: 200,
      missing: '请填写调整理由',
      tooLong: '调整理由不超过200字',
      multiline: true,
    }),
  }),
  agree: z.object({
    /** What the day agreed (the minuted decision): the village carries it out. */
    agreement: answer('请填写议定事项'),
    /** The discussion day that reached the agreement. */
    meetingId: meetingIdSchema,
  }),
  resolve_locally: z.object({
    resolution: answer('请填写化解情况'),
    /** The discussion day whose outcome this is (recorded by the meeting's minutes). */
    meetingId: meetingIdSchema.optional(),
  }),
  schedule_meeting: z.object({
    meetingId: z
      .string({ error: '请选择议事日' })
      .min(1, '请选择议事日')
      .max(64, '议事日编号不正确'),
    meetingDate: isoDateSchema,
    note: optionalNote,
    /** A 点对点 (one-to-one) session: the only kind of discussion a private matter may go to. */
    isPointToPoint: z.boolean({ error: '议事形式不正确' }).optional(),
  }),
  escalate: z.object({
    reason: reason('请填写上报理由'),
    /** The discussion day whose outcome this is (the minutes are the reason). */
    meetingId: meetingIdSchema.optional(),
  }),
  return_to_village: z.object({ reason: reason('请填写退回理由') }),
  resolve_by_township: z.object({ resolution: answer('请填写办理结果') }),
  dispatch: z.object({
    department: orgPathSchema.refine(
      (path) => pathIds(path).length === 2,
      '请选择要派发的县级部门',
    ),
    note: optionalText({
      max: 1000,
      missing: '交办意见格式不正确',
      tooLong: '交办意见不超过1000字',
      multiline: true,
    }).optional(),
  }),
  return_to_township: z.object({ reason: reason('请填写退回理由') }),
  reply: z.object({ reply: answer('请填写答复内容') }),
  feedback: z
    .object({
      satisfaction: z.enum(SATISFACTIONS, { error: '请选择群众满意度' }),
      comment: optionalText({
        max: 500,
        missing: '群众意见格式不正确',
        tooLong: '群众意见不超过500字',
        multiline: true,
      }).default(''),
    })
    .refine((value) => value.satisfaction !== 'dissatisfied' || value.comment.length > 0, {
      path: ['comment'],
      message: '群众不满意时请记录其意见',
    }),
  withdraw: z.object({ reason: reason('请填写撤回原因') }),
  merge: z.object({
    into: z
      .string({ error: '请选择重复的说事' })
      .min(1, '请选择重复的说事')
      .max(64, '说事编号不正确'),
    note: optionalNote,
  }),
} as const satisfies Record<IssueAction, z.ZodType>

/** The fields of `action`'s payload, as the UI fills them in. */
export type IssueActionPayload<A extends IssueAction> = z.input<(typeof ISSUE_ACTION_PAYLOADS)[A]>

// ---------------------------------------------------------------------------
// Who may take a transition

/**
 * One way to be allowed: a role (or the user who registered the issue), the
 * statuses in which it applies, and where the actor's unit must be:
 * - 'subtree': the actor's unit path is a prefix of the issue's home (grid)
 *   path — the grid itself, its village, its township or the county;
 * - 'assigned_department': the issue is dispatched to the actor's department.
 */
export interface TransitionGrant {
  who: Role | 'reporter'
  scope: 'subtree' | 'assigned_department'
  from: readonly IssueStatus[]
}

/** What a transition changes; the machine adds the status, deadline and ledger entry. */
interface Effect {
  to: IssueStatus
  patch?: Partial<IssueData>
  note?: string
  details?: Record<string, string>
  /** Start the target stage's clock on this date even when the stage does not change. */
  restartClockOn?: string
}

/** A transition as the table holds it (payload type erased). */
export interface IssueTransition {
  action: IssueAction
  grants: readonly TransitionGrant[]
  /** The statuses it may lead to (each starts the stage in `STATUS_STAGE`). */
  to: readonly IssueStatus[]
  /** The payload's schema (also in `ISSUE_ACTION_PAYLOADS`). */
  payload: z.ZodType
  /** Validates the payload, checks the domain rules, and says what changes. Throws `MutationRejection`. */
  run(data: IssueData, payload: unknown, actor: Actor): Effect
}

/** `payload` parsed by `schema`, or an `invalid_payload` refusal naming the first problem in Chinese. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const parsed = schema.safeParse(payload)
  if (parsed.success) return parsed.data
  throw new MutationRejection(
    'invalid_payload',
    parsed.error.issues[0]?.message ?? '填写的内容有误',
  )
}

function defineTransition<S extends z.ZodType>(definition: {
  action: IssueAction
  grants: readonly TransitionGrant[]
  to: readonly IssueStatus[]
  payload: S
  effect: (data: IssueData, payload: z.output<S>, actor: Actor) => Effect
}): IssueTransition {
  return {
    action: definition.action,
    grants: definition.grants,
    to: definition.to,
    payload: definition.payload,
    run: (data, payload, actor) =>
      definition.effect(data, parsePayload(definition.payload, payload), actor),
  }
}

const BEFORE_RESOLUTION: readonly IssueStatus[] = [
  'registered',
  'accepted',
  'scheduled_for_meeting',
  'escalated',
  'dispatched',
]
const AT_VILLAGE: readonly IssueStatus[] = ['accepted', 'scheduled_for_meeting']

/**
 * A mediator records the outcome of a matter put to a discussion day (seed
 * 002: 村社吹哨 队伍报到): only while it is scheduled, and only citing that day.
 */
const MEDIATOR_AT_MEETING: TransitionGrant = {
  who: 'mediator',
  scope: 'subtree',
  from: ['scheduled_for_meeting'],
}

/**
 * The ledger facts of an outcome reached at a discussion day. A meetingId
 * must name the day the issue is scheduled for; a mediator must give one.
 */
function meetingOutcome(
  data: IssueData,
  meetingId: string | undefined,
  actor: Actor,
): Record<string, string> {
  if (meetingId === undefined) {
    if (actor.role === 'mediator') {
      throw new MutationRejection('invalid_payload', '解事员只能在议事日记录中办理议定事项')
    }
    return {}
  }
  if (data.meeting?.id !== meetingId) {
    throw new MutationRejection('invalid_payload', '该说事未提交到这次议事日')
  }
  return { meetingId, meetingDate: data.meeting.date }
}

/** "/county/township/" of an issue's home "/county/township/village/grid/". */
export function townshipPathOf(orgPath: string): string {
  const [county, township] = pathIds(orgPath)
  return `/${county ?? ''}/${township ?? ''}/`
}

function resolved(tier: 'village' | 'township' | 'department', text: string, actor: Actor): Effect {
  return {
    to: 'awaiting_feedback',
    patch: {
      resolution: { tier, text, unitPath: actor.orgPath, actorName: actor.userName, at: actor.at },
    },
    note: text,
  }
}

/** Every status from which the matter may still move. */
const OPEN_STATUSES: readonly IssueStatus[] = [...BEFORE_RESOLUTION, 'awaiting_feedback']

/** True when the matter sits on a 点对点 day (its latest scheduling said so). */
function isPointToPoint(data: IssueData): boolean {
  const scheduled = data.events.findLast((event) => event.action === 'schedule_meeting')
  return scheduled?.details.pointToPoint === 'true'
}

/**
 * Where a 不满意 sends the matter: to the unit that answered it — the village
 * handles it again, the township gets it back escalated, the department
 * dispatched to it (and keeps seeing it).
 */
function reopened(data: IssueData): { to: IssueStatus; patch: Partial<IssueData> } {
  const answer = data.resolution
  switch (answer?.tier) {
    case 'department':
      return {
        to: 'dispatched',
        patch: {
          escalatedToTownship: data.escalatedToTownship ?? townshipPathOf(data.orgPath),
          assignedDepartment: answer.unitPath,
        },
      }
    case 'township':
      return {
        to: 'escalated',
        patch: {
          escalatedToTownship: data.escalatedToTownship ?? townshipPathOf(data.orgPath),
          assignedDepartment: null,
        },
      }
    default:
      return { to: 'accepted', patch: { escalatedToTownship: null, assignedDepartment: null } }
  }
}

/**
 * True while a matter a dissatisfied resident sent back is open: every list
 * card and the detail page mark it 重办; `reopenCount` counts for figures.
 */
export function isReopened(data: Pick<IssueData, 'reopenCount' | 'status'>): boolean {
  return data.reopenCount > 0 && !TERMINAL_STATUSES.includes(data.status)
}

/** The lifecycle table. */
export const ISSUE_TRANSITIONS: Readonly<Record<IssueAction, IssueTransition>> = {
  accept: defineTransition({
    action: 'accept',
    grants: [{ who: 'village_cadre', scope: 'subtree', from: ['registered'] }],
    to: ['accepted'],
    payload: ISSUE_ACTION_PAYLOADS.accept,
    effect: (_data, { note }) => ({ to: 'accepted', note: note ?? '' }),
  }),

  set_discussable: defineTransition({
    action: 'set_discussable',
    grants: [{ who: 'village_cadre', scope: 'subtree', from: ['registered', 'accepted'] }],
    to: ['registered', 'accepted'],
    payload: ISSUE_ACTION_PAYLOADS.set_discussable,
    effect: (data, { verdict, reason: why }) => ({
      to: data.status,
      patch: { discussable: { verdict, overriddenReason: why } },
      note: why,
      details: { from: data.discussable.verdict, verdict },
    }),
  }),

  set_private: defineTransition({
    action: 'set_private',
    grants: [
      // The units handling the matter: the village (it knows the resident) while
      // the matter is open, the township while escalated to it, the department
      // while dispatched to it. See docs/issues.md.
      { who: 'village_cadre', scope: 'subtree', from: OPEN_STATUSES },
      { who: 'township_staff', scope: 'subtree', from: ['escalated'] },
      { who: 'department_staff', scope: 'assigned_department', from: ['dispatched'] },
    ],
    to: OPEN_STATUSES,
    payload: ISSUE_ACTION_PAYLOADS.set_private,
    effect: (data, { isPrivate, reason: why }) => {
      // Same value: nothing to record (a burst of flips stays a sequence of real changes).
      if (data.isPrivate === isPrivate) {
        throw new MutationRejection(
          'invalid_payload',
          isPrivate ? '该说事已标记为涉及个人隐私' : '该说事未标记为涉及个人隐私',
        )
      }
      // Seed 002: a private matter never goes to a collective session, so it
      // leaves one it was put to; the server then takes it off the day's topics.
      const leaves = isPrivate && data.status === 'scheduled_for_meeting' && !isPointToPoint(data)
      return {
        to: leaves ? 'accepted' : data.status,
        patch: { isPrivate, ...(leaves ? { meeting: null } : {}) },
        note: why,
        details: {
          from: String(data.isPrivate),
          to: String(isPrivate),
          ...(leaves && data.meeting ? { leftMeeting: data.meeting.id } : {}),
        },
      }
    },
  }),

  agree: defineTransition({
    action: 'agree',
    grants: [
      { who: 'village_cadre', scope: 'subtree', from: ['scheduled_for_meeting'] },
      MEDIATOR_AT_MEETING,
    ],
    to: ['accepted'],
    payload: ISSUE_ACTION_PAYLOADS.agree,
    // 达成共识: the matter leaves 待议事; the village carries out what was agreed.
    effect: (data, { agreement, meetingId }, actor) => ({
      to: 'accepted',
      note: agreement,
      details: meetingOutcome(data, meetingId, actor),
    }),
  }),

  resolve_locally: defineTransition({
    action: 'resolve_locally',
    grants: [{ who: 'village_cadre', scope: 'subtree', from: AT_VILLAGE }, MEDIATOR_AT_MEETING],
    to: ['awaiting_feedback'],
    payload: ISSUE_ACTION_PAYLOADS.resolve_locally,
    effect: (data, { resolution, meetingId }, actor) => ({
      ...resolved('village', resolution, actor),
      details: meetingOutcome(data, meetingId, actor),
    }),
  }),

  schedule_meeting: defineTransition({
    action: 'schedule_meeting',
    grants: [{ who: 'village_cadre', scope: 'subtree', from: AT_VILLAGE }],
    to: ['scheduled_for_meeting'],
    payload: ISSUE_ACTION_PAYLOADS.schedule_meeting,
    effect: (data, { meetingId, meetingDate, note, isPointToPoint }, actor) => {
      // Seed 002: matters touching personal privacy go 点对点, never to a collective session.
      if (data.isPrivate && isPointToPoint !== true) {
        throw new MutationRejection(
          'not_discussable',
          '涉及个人隐私的事项应点对点商谈，不能提交集体议事',
        )
      }
      // A one-to-one talk is not a deliberation of the villagers' council:
      // the discussable-items list governs collective sessions only.
      if (isPointToPoint !== true && data.discussable.verdict === 'not_discussable') {
        throw new MutationRejection(
          'not_discussable',
          '按议事清单该事项不可议，不能提交议事；如确需议事，请先说明理由调整判定',
        )
      }
      // The village's handling time runs from the discussion day (or today, if that is later).
      const today = chinaDate(actor.at)
      return {
        to: 'scheduled_for_meeting',
        patch: { meeting: { id: meetingId, date: meetingDate } },
        note: note ?? '',
        details: { meetingId, meetingDate, ...(isPointToPoint ? { pointToPoint: 'true' } : {}) },
        restartClockOn: meetingDate > today ? meetingDate : today,
      }
    },
  }),

  escalate: defineTransition({
    action: 'escalate',
    grants: [{ who: 'village_cadre', scope: 'subtree', from: AT_VILLAGE }, MEDIATOR_AT_MEETING],
    to: ['escalated'],
    payload: ISSUE_ACTION_PAYLOADS.escalate,
    effect: (data, { reason: why, meetingId }, actor) => {
      const township = townshipPathOf(data.orgPath)
      return {
        to: 'escalated',
        patch: { escalatedToTownship: township, assignedDepartment: null },
        note: why,
        details: { township, ...meetingOutcome(data, meetingId, actor) },
      }
    },
  }),

  return_to_village: defineTransition({
    action: 'return_to_village',
    grants: [{ who: 'township_staff', scope: 'subtree', from: ['escalated'] }],
    to: ['accepted'],
    payload: ISSUE_ACTION_PAYLOADS.return_to_village,
    effect: (_data, { reason: why }) => ({
      to: 'accepted',
      patch: { escalatedToTownship: null },
      note: why,
    }),
  }),

  resolve_by_township: defineTransition({
    action: 'resolve_by_township',
    grants: [{ who: 'township_staff', scope: 'subtree', from: ['escalated'] }],
    to: ['awaiting_feedback'],
    payload: ISSUE_ACTION_PAYLOADS.resolve_by_township,
    effect: (_data, { resolution }, actor) => resolved('township', resolution, actor),
  }),

  dispatch: defineTransition({
    action: 'dispatch',
    grants: [
      // 乡镇吹哨 部门报到; the county hub (县级说事中心) may dispatch too.
      { who: 'township_staff', scope: 'subtree', from: ['escalated'] },
      { who: 'county_staff', scope: 'subtree', from: ['escalated'] },
    ],
    to: ['dispatched'],
    payload: ISSUE_ACTION_PAYLOADS.dispatch,
    effect: (data, { department, note }) => {
      // Departments hang directly under the county: "/county/dept/". The
      // server must also check that the unit exists and is a department.
      const [county] = pathIds(data.orgPath)
      if (
        !department.startsWith(`/${county ?? ''}/`) ||
        department === townshipPathOf(data.orgPath)
      ) {
        throw new MutationRejection('invalid_payload', '请选择本县的县级部门')
      }
      return {
        to: 'dispatched',
        patch: { assignedDepartment: department },
        note: note ?? '',
        details: { department },
      }
    },
  }),

  return_to_township: defineTransition({
    action: 'return_to_township',
    grants: [{ who: 'department_staff', scope: 'assigned_department', from: ['dispatched'] }],
    to: ['escalated'],
    payload: ISSUE_ACTION_PAYLOADS.return_to_township,
    effect: (data, { reason: why }) => ({
      to: 'escalated',
      patch: { assignedDepartment: null },
      note: why,
      details: { department: data.assignedDepartment ?? '' },
    }),
  }),

  reply: defineTransition({
    action: 'reply',
    grants: [{ who: 'department_staff', scope: 'assigned_department', from: ['dispatched'] }],
    to: ['awaiting_feedback'],
    payload: ISSUE_ACTION_PAYLOADS.reply,
    effect: (_data, { reply }, actor) => resolved('department', reply, actor),
  }),

  feedback: defineTransition({
    action: 'feedback',
    grants: [{ who: 'grid_worker', scope: 'subtree', from: ['awaiting_feedback'] }],
    to: ['closed', 'accepted', 'escalated', 'dispatched'],
    payload: ISSUE_ACTION_PAYLOADS.feedback,
    effect: (data, { satisfaction, comment }) => {
      const feedback = { satisfaction, comment }
      if (satisfaction !== 'dissatisfied') {
        return { to: 'closed', patch: { feedback }, note: comment, details: { satisfaction } }
      }
      // 不满意: back to the unit that gave the answer, with the resident's
      // comment attached; it stays in that unit's inbox, marked 重办.
      const back = reopened(data)
      return {
        to: back.to,
        patch: { ...back.patch, feedback, reopenCount: data.reopenCount + 1 },
        note: comment,
        details: { satisfaction },
      }
    },
  }),

  withdraw: defineTransition({
    action: 'withdraw',
    grants: [
      { who: 'reporter', scope: 'subtree', from: BEFORE_RESOLUTION },
      { who: 'village_cadre', scope: 'subtree', from: BEFORE_RESOLUTION },
    ],
    to: ['withdrawn'],
    payload: ISSUE_ACTION_PAYLOADS.withdraw,
    effect: (_data, { reason: why }) => ({ to: 'withdrawn', note: why }),
  }),

  merge: defineTransition({
    action: 'merge',
    grants: [
      { who: 'village_cadre', scope: 'subtree', from: ['registered', ...AT_VILLAGE] },
      { who: 'township_staff', scope: 'subtree', from: ['escalated'] },
    ],
    to: ['merged'],
    payload: ISSUE_ACTION_PAYLOADS.merge,
    effect: (_data, { into, note }) => ({
      to: 'merged',
      patch: { mergedInto: into },
      note: note ?? '',
      details: { mergedInto: into },
    }),
  }),
}

// ---------------------------------------------------------------------------
// Checking and applying

function isIssueAction(action: string): action is IssueAction {
  return ISSUE_ACTIONS.some((known) => known === action)
}

function grantFits(
  grant: TransitionGrant,
  data: IssueData,
  actor: Viewer,
): 'role' | 'stage' | 'scope' | 'ok' {
  const isWho =
    grant.who === 'reporter' ? actor.userId === data.reporterId : grant.who === actor.role
  if (!isWho) return 'role'
  if (!grant.from.includes(data.status)) return 'stage'
  const inScope =
    grant.scope === 'subtree'
      ? isWithin(data.orgPath, actor.orgPath)
      : data.assignedDepartment === actor.orgPath
  return inScope ? 'ok' : 'scope'
}

/** A refusal before it is thrown (availableActions asks often; Error objects are costly). */
interface Refusal {
  code: 'unknown_action' | 'invalid_transition' | 'forbidden_role' | 'out_of_scope'
  message: string
}

/** Why `actor` may not take `action` now, or null when they may (payload not considered). */
function refusal(data: IssueData, action: string, actor: Viewer): Refusal | null {
  if (!isIssueAction(action)) return { code: 'unknown_action', message: '不支持的操作' }
  const label = ISSUE_ACTION_LABELS[action]
  const status = ISSUE_STATUS_LABELS[data.status]
  if (TERMINAL_STATUSES.includes(data.status)) {
    return { code: 'invalid_transition', message: `该说事${status}，不能再${label}` }
  }
  const definition = ISSUE_TRANSITIONS[action]
  if (!definition.grants.some((grant) => grant.from.includes(data.status))) {
    return { code: 'invalid_transition', message: `该说事当前为「${status}」，不能${label}` }
  }
  const fits = definition.grants.map((grant) => grantFits(grant, data, actor))
  if (fits.includes('ok')) return null
  if (fits.includes('scope')) {
    const isForDepartment = definition.grants.some((grant) => grant.scope === 'assigned_department')
    return {
      code: 'out_of_scope',
      message: isForDepartment
        ? `该说事未派发给您所在的部门，不能${label}`
        : `该说事不在您的管辖范围内，不能${label}`,
    }
  }
  if (fits.includes('stage')) {
    return {
      code: 'forbidden_role',
      message: `该说事当前为「${status}」，此阶段您的角色不能${label}`,
    }
  }
  return { code: 'forbidden_role', message: `您的角色无权${label}` }
}

/**
 * The actions `actor` may take on the issue now — what the detail page
 * shows. Roles, units and statuses are checked; payloads are not (a private
 * matter still lists `schedule_meeting`, which then refuses with the reason).
 */
export function availableActions(data: IssueData, actor: Viewer): IssueAction[] {
  return ISSUE_ACTIONS.filter((action) => refusal(data, action, actor) === null)
}

/** The ledger entry for a change made by `actor`. */
export function issueEvent(
  data: Pick<IssueData, 'events'> | null,
  fields: Pick<IssueEvent, 'action' | 'fromStatus' | 'toStatus'> &
    Partial<Pick<IssueEvent, 'note' | 'details'>>,
  actor: Actor,
): IssueEvent {
  return {
    id: String((data?.events.length ?? 0) + 1),
    action: fields.action,
    fromStatus: fields.fromStatus,
    toStatus: fields.toStatus,
    actorId: actor.userId,
    actorName: actor.userName,
    actorRole: actor.role,
    unitId: actor.orgUnitId,
    unitPath: actor.orgPath,
    at: actor.at,
    note: fields.note ?? '',
    details: fields.details ?? {},
  }
}

/**
 * Takes `action` on the issue: returns the new data with one event appended
 * (the input is not modified), or throws a `MutationRejection` with a code —
 * `unknown_action`, `invalid_transition`, `forbidden_role`, `out_of_scope`,
 * `invalid_payload`, `not_discussable` — and a reason in Chinese. Entering a
 * status of a new stage starts that stage's deadline, counted in working days
 * from the actor's China date with `deadlines` (the county's table).
 */
export function transition(
  data: IssueData,
  action: string,
  payload: unknown,
  actor: Actor,
  deadlines: StageDeadlineTable = DEFAULT_STAGE_DEADLINES,
): IssueData {
  const refused = refusal(data, action, actor)
  if (refused) throw new MutationRejection(refused.code, refused.message)
  if (!isIssueAction(action)) throw new MutationRejection('unknown_action', '不支持的操作')
  const effect = ISSUE_TRANSITIONS[action].run(data, payload, actor)
  const stage = STATUS_STAGE[effect.to]
  const startsStage =
    stage !== null && (effect.restartClockOn !== undefined || STATUS_STAGE[data.status] !== stage)
  const next: IssueData = {
    ...data,
    ...effect.patch,
    status: effect.to,
    deadlines: startsStage
      ? {
          ...data.deadlines,
          [stage]: stageDeadline(stage, effect.restartClockOn ?? chinaDate(actor.at), deadlines),
        }
      : data.deadlines,
    events: [
      ...data.events,
      issueEvent(
        data,
        {
          action,
          fromStatus: data.status,
          toStatus: effect.to,
          note: effect.note,
          details: effect.details,
        },
        actor,
      ),
    ],
  }
  return next
}
