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
import { chinaDate } from '../calendar/working-days.ts'
import { isWithin } from '../org/org-path.ts'
import { MutationRejection, type Actor, type Viewer } from '../sync/record-kind.ts'
import {
  ISSUE_ACTIONS,
  TERMINAL_STATUSES,
  type IssueAction,
  type IssueData,
  type IssueEvent,
} from './issue.schema.ts'
import { ISSUE_ACTION_LABELS, ISSUE_STATUS_LABELS } from './issue.labels.ts'
import {
  DEFAULT_STAGE_DEADLINES,
  STATUS_STAGE,
  stageDeadline,
  type StageDeadlineTable,
} from './issue.deadlines.ts'
import { ISSUE_TRANSITIONS, type TransitionGrant } from './issue.transitions.ts'
import { isResidentActor } from './issue.resident.ts'

function isIssueAction(action: string): action is IssueAction {
  return ISSUE_ACTIONS.some((known) => known === action)
}

function grantFits(
  grant: TransitionGrant,
  data: IssueData,
  actor: Viewer,
): 'role' | 'stage' | 'scope' | 'ok' {
  const isWho =
    grant.who === 'reporter'
      ? actor.userId === data.reporterId
      : grant.who === 'resident'
        ? isResidentActor(actor)
        : grant.who === actor.role && !isResidentActor(actor)
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
 * from the actor's China date with `deadlines` (the county's table, from
 * settings version `tableVersion`).
 */
export function transition(
  data: IssueData,
  action: string,
  payload: unknown,
  actor: Actor,
  deadlines: StageDeadlineTable = DEFAULT_STAGE_DEADLINES,
  tableVersion = 0,
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
          [stage]: stageDeadline(
            stage,
            effect.restartClockOn ?? chinaDate(actor.at),
            deadlines,
            tableVersion,
          ),
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
