/**
 * The lifecycle table of an issue report: for each action, who may take it
 * (role or reporter, statuses, where their unit must be), which payload it
 * takes and what it changes. The machine (issue.machine.ts) checks a grant
 * and applies the effect; the edges are drawn there.
 */
import type { z } from 'zod'
import type { Role } from '../auth/roles.ts'
import { chinaDate } from '../calendar/working-days.ts'
import { pathIds } from '../org/org-path.ts'
import { MutationRejection, parsePayload, type Actor } from '../sync/record-kind.ts'
import type { IssueAction, IssueData, IssueStatus } from './issue.schema.ts'
import { ISSUE_ACTION_PAYLOADS } from './issue.payloads.ts'
import { reopenedAt, townshipPathOf } from './issue.reopen.ts'

/**
 * One way to be allowed: a role (or the user who registered the issue), the
 * statuses in which it applies, and where the actor's unit must be:
 * - 'subtree': the actor's unit path is a prefix of the issue's home (grid)
 *   path — the grid itself, its village, its township or the county;
 * - 'assigned_department': the issue is dispatched to the actor's department.
 */
export interface TransitionGrant {
  /** 'resident': the residents' system actor (issue.resident.ts), for their own feedback. */
  who: Role | 'reporter' | 'resident'
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
    effect: (data, { department, note, enforcement }) => {
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
        // The ledger keeps the classification: the self-correction trigger
        // reads it from this entry (src/server/oversight/).
        details: { department, ...(enforcement ? { enforcement } : {}) },
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
    grants: [
      { who: 'grid_worker', scope: 'subtree', from: ['awaiting_feedback'] },
      // The resident through the public lookup, holding the report's tracking code.
      { who: 'resident', scope: 'subtree', from: ['awaiting_feedback'] },
    ],
    to: ['closed', 'accepted', 'escalated', 'dispatched'],
    payload: ISSUE_ACTION_PAYLOADS.feedback,
    effect: (data, { satisfaction, comment, voiceNote, signature }) => {
      const feedback = {
        satisfaction,
        comment,
        ...(voiceNote ? { voiceNote } : {}),
        ...(signature ? { signature } : {}),
      }
      if (satisfaction !== 'dissatisfied') {
        return { to: 'closed', patch: { feedback }, note: comment, details: { satisfaction } }
      }
      // 不满意: back to the unit that gave the answer, with the resident's
      // comment attached; it stays in that unit's inbox, marked 重办.
      const back = reopenedAt(data)
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
