/**
 * The issue report as a sync record kind: how 'create', 'update' and
 * 'transition' mutations change it, who sees it, and what each viewer may
 * see of the resident's personal data.
 *
 * Concurrent edits: an 'update' carries only the fields the author changed,
 * and the server merges them field by field into the current state — per
 * field, the last write to reach the server wins. Transitions are never
 * merged: each is checked against the server's current state and refused
 * when that state no longer allows it (e.g. two cadres accepting at once:
 * the second is told the issue is already accepted).
 */
import { chinaDate } from '../calendar/working-days.ts'
import { isWithin, pathIds } from '../org/org-path.ts'
import {
  createOnce,
  MutationRejection,
  type Actor,
  type KindReferences,
  type MutationInput,
  recordReference,
  type RecordKind,
  type RecordReference,
  parsePayload,
  shapeCheck,
} from '../sync/record-kind.ts'
import { canRecordMeeting } from '../meeting/meeting.rules.ts'
import { MEETING_KIND, meetingDataSchema } from '../meeting/meeting.schema.ts'
import { DEPUTY_VISIT_KIND, deputyVisitDataSchema } from '../deputy/deputy.schema.ts'
import {
  DEFAULT_STAGE_DEADLINES,
  stageDeadline,
  type StageDeadlineTable,
} from './issue.deadlines.ts'
import { issueEvent, transition } from './issue.machine.ts'
import { isImportActor } from '../import/import.actor.ts'
import { isResidentActor } from './issue.resident.ts'
import {
  CAPTURE_FIELDS,
  issueCaptureSchema,
  issueCaptureUpdateSchema,
  issueCreateSchema,
  type IssueCaptureUpdate,
} from './issue.capture.schema.ts'
import { issueDataSchema, type IssueData } from './issue.schema.ts'
import { issueAttachments } from './issue.media.ts'
import { viewIssue } from './issue.view.ts'

export {
  canSeePersonalData,
  maskName,
  maskPhone,
  PRIVATE_PLACEHOLDER,
  viewIssue,
} from './issue.view.ts'

/** The record kind's name in the sync protocol. */
export const ISSUE_KIND = 'issue'

/** Cheap shape check of a stored issue, for the app's live lists (see `shapeCheck`). */
export const isIssueData = shapeCheck<IssueData>({ string: ['status', 'title'], array: ['events'] })

/** Depth of a grid's path: county / township / village / grid. */
const GRID_DEPTH = 4

function create(
  payload: Record<string, unknown>,
  actor: Actor,
  deadlines: StageDeadlineTable,
  tableVersion: number,
): IssueData {
  const isDeputy = actor.role === 'deputy'
  const isResident = isResidentActor(actor)
  const isImport = isImportActor(actor)
  if (
    !isResident &&
    !isImport &&
    !isDeputy &&
    actor.role !== 'grid_worker' &&
    actor.role !== 'village_cadre'
  ) {
    throw new MutationRejection('forbidden_role', '只有网格员或村社干部可以登记说事')
  }
  const { deputy: origin, ...input } = parsePayload(issueCreateSchema, payload)
  // Only the import actor files a report from another platform, and it always says which.
  if (isImport !== (input.external !== undefined)) {
    throw new MutationRejection('invalid_payload', '只有导入的说事才有来源工单编号')
  }
  // A resident's own report is 线上 and names no reporter but the system actor.
  if (isResident && input.channel !== 'online') {
    throw new MutationRejection('invalid_payload', '群众自行提交的说事来源为线上')
  }
  const ids = pathIds(input.orgPath)
  if (ids.length !== GRID_DEPTH || ids.at(-1) !== input.gridId) {
    throw new MutationRejection('invalid_payload', '说事须登记在网格，请选择网格')
  }
  // A deputy raises a report only from their visit's opinion, in a grid of
  // the visited village: the server checks both through the visit
  // (issueReferences), since the grid lies outside the deputy's own scope.
  if (isDeputy !== (origin !== undefined) || (isDeputy && input.channel !== 'deputy')) {
    throw new MutationRejection('forbidden_role', '代表委员只能把走访中收集的意见转为说事')
  }
  if (!isDeputy && !isWithin(input.orgPath, actor.orgPath)) {
    throw new MutationRejection('out_of_scope', '只能在本人负责的网格或村社登记说事')
  }
  const base: Omit<IssueData, 'events'> = {
    ...input,
    ...(origin ? { deputy: { ...origin, unitPath: actor.orgPath } } : {}),
    // Anonymous reports store neither name nor phone, whatever the form held.
    resident: input.isAnonymous ? null : input.resident,
    discussable: { verdict: input.discussable.verdict },
    status: 'registered',
    reporterId: actor.userId,
    reporterName: actor.userName,
    createdAt: actor.at,
    escalatedToTownship: null,
    assignedDepartment: null,
    meeting: null,
    deadlines: {
      accept: stageDeadline('accept', chinaDate(actor.at), deadlines, tableVersion),
    },
    resolution: null,
    feedback: null,
    mergedInto: null,
    reopenCount: 0,
  }
  return {
    ...base,
    events: [
      issueEvent(null, { action: 'register', fromStatus: null, toStatus: 'registered' }, actor),
    ],
  }
}

function update(current: IssueData, payload: Record<string, unknown>, actor: Actor): IssueData {
  const isReporter = actor.userId === current.reporterId
  if (!isReporter && actor.role !== 'village_cadre') {
    throw new MutationRejection('forbidden_role', '只有登记人或村社干部可以修改说事')
  }
  if (!isWithin(current.orgPath, actor.orgPath)) {
    throw new MutationRejection('out_of_scope', '该说事不在您的管辖范围内，不能修改')
  }
  if (current.status !== 'registered') {
    throw new MutationRejection('invalid_transition', '说事受理后不能再修改登记内容')
  }
  const changes: IssueCaptureUpdate = parsePayload(issueCaptureUpdateSchema, payload)
  // Only the fields the author sent change (absent keys stay absent after parsing).
  const fields = CAPTURE_FIELDS.filter((field) => changes[field] !== undefined)
  if (fields.length === 0) throw new MutationRejection('invalid_payload', '没有要修改的内容')
  if (fields.includes('discussable') && current.discussable.overriddenReason !== undefined) {
    throw new MutationRejection('invalid_payload', '议事清单判定已由村社调整，不能在登记内容中修改')
  }
  const merged: IssueData = { ...current, ...changes }
  // The merged whole must still be a valid capture (e.g. anonymous ⇒ no resident).
  parsePayload(issueCaptureSchema, merged)
  return {
    ...merged,
    events: [
      ...current.events,
      issueEvent(
        current,
        {
          action: 'edit',
          fromStatus: current.status,
          toStatus: current.status,
          details: { fields: fields.join(',') },
        },
        actor,
      ),
    ],
  }
}

/**
 * The issue kind with the county's own stage deadlines (the server builds
 * it from the county settings, and so do devices for their optimistic view,
 * taking the server's answer as final). `tableVersion` is the settings
 * version the table came from; each deadline records it.
 */
export function createIssueKind(
  deadlines: StageDeadlineTable = DEFAULT_STAGE_DEADLINES,
  tableVersion = 0,
): RecordKind<IssueData> {
  // A bad configuration fails at startup, not on the first report of the day.
  for (const [stage, days] of Object.entries(deadlines)) {
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      throw new RangeError(
        `stage ${stage}: working days must be an integer in [1, 365], got ${days}`,
      )
    }
  }
  return {
    kind: ISSUE_KIND,
    schema: issueDataSchema,
    apply(current: IssueData | null, mutation: MutationInput, actor: Actor): IssueData {
      const { op, payload } = mutation
      if (op === 'create') {
        return createOnce(current, '该说事已登记，请勿重复提交', () =>
          create(payload, actor, deadlines, tableVersion),
        )
      }
      if (op !== 'update' && op !== 'transition')
        throw new MutationRejection('unknown_op', '不支持的操作')
      if (!current) throw new MutationRejection('not_found', '该说事不存在或尚未同步')
      if (op === 'update') return update(current, payload, actor)
      const { action, ...fields } = payload
      if (typeof action !== 'string')
        throw new MutationRejection('invalid_payload', '请选择要进行的操作')
      return transition(current, action, fields, actor, deadlines, tableVersion)
    },
    audience(data: IssueData): string[] {
      const audience = data.assignedDepartment
        ? [data.orgPath, data.assignedDepartment]
        : [data.orgPath]
      return data.deputy ? [...audience, data.deputy.unitPath] : audience
    },
    view: viewIssue,
    attachments: issueAttachments,
    references: issueReferences,
  }
}

/**
 * What an issue's transitions name or act through, for the server to check:
 * - dispatch: the department must be a department of the county; the
 *   dispatcher addresses it, so it joins the audience;
 * - merge: the issue merged into must exist and be in the author's sight;
 * - a transition citing a discussion day (schedule_meeting, and resolve or
 *   escalate as the day's outcome): the day must exist, be in the author's
 *   sight, not be cancelled and list the issue as a topic. Scheduling must
 *   match the day's date and form (点对点 or not); acting on the day's
 *   outcome needs the right to record that day — a mediator only when
 *   invited to it or placed at its village (`canRecordMeeting`).
 */
const issueReferences: KindReferences<IssueData> = (mutation, { recordId, actor, next }) => {
  const { op, payload } = mutation
  if (op === 'create') return next.deputy ? deputyReferences(recordId, next, actor) : []
  if (op !== 'transition') return []
  if (payload.action === 'dispatch' && typeof payload.department === 'string') {
    return [
      {
        type: 'org_unit',
        path: payload.department,
        tier: 'department',
        isAddressee: true,
        code: 'unknown_department',
        message: '所选县级部门不存在，请重新选择',
      },
    ]
  }
  if (payload.action === 'merge' && typeof payload.into === 'string') {
    if (payload.into === recordId) {
      throw new MutationRejection('invalid_payload', '不能与自身合并，请选择另一条说事')
    }
    return [
      {
        type: 'record',
        kind: ISSUE_KIND,
        id: payload.into,
        code: 'unknown_merge_target',
        message: '要合并的说事不存在或不在您的管辖范围内',
      },
    ]
  }
  const throughMeeting = ['schedule_meeting', 'agree', 'resolve_locally', 'escalate']
  if (typeof payload.meetingId !== 'string' || !throughMeeting.includes(String(payload.action))) {
    return []
  }
  const isScheduling = payload.action === 'schedule_meeting'
  return [
    recordReference(
      MEETING_KIND,
      meetingDataSchema,
      payload.meetingId,
      { code: 'unknown_meeting', message: '所选议事日不存在或不在您的管辖范围内' },
      (meeting) => {
        if (meeting.status === 'cancelled') {
          throw new MutationRejection('invalid_transition', '该议事日已取消')
        }
        if (!meeting.topics.some((topic) => topic.issueId === recordId)) {
          throw new MutationRejection('not_a_topic', '该说事不是这次议事日的议题')
        }
        if (isScheduling) {
          const isPointToPoint = payload.isPointToPoint === true
          if (
            meeting.date !== payload.meetingDate ||
            isPointToPoint !== (meeting.form === 'point_to_point')
          ) {
            throw new MutationRejection('meeting_mismatch', '议事日期或议事形式与所选议事日不符')
          }
        } else if (!canRecordMeeting(meeting, actor)) {
          throw new MutationRejection(
            'not_invited',
            '只有受邀参加这次议事的解事员和组织单位可以办理该议题',
          )
        }
        return []
      },
    ),
  ]
}

/** The issue kind with the default stage deadlines. */
export const issueKind: RecordKind<IssueData> = createIssueKind()

/**
 * A report a deputy raised: the grid must be a real grid, the visit theirs
 * and in the grid's village, and the opinion not raised as another report
 * already (a second device converting it too is refused here). The visit
 * vouches for the grid, which lies outside the deputy's own scope.
 */
function deputyReferences(recordId: string, next: IssueData, actor: Actor): RecordReference[] {
  const origin = next.deputy
  if (!origin) return []
  const refusal = { code: 'unknown_visit', message: '走访记录不存在或不属于您' }
  return [
    { type: 'org_unit', path: next.orgPath, tier: 'grid', ...refusal },
    recordReference(DEPUTY_VISIT_KIND, deputyVisitDataSchema, origin.visitId, refusal, (visit) => {
      if (visit.deputyPath !== actor.orgPath)
        throw new MutationRejection(refusal.code, refusal.message)
      if (!isWithin(next.orgPath, visit.villagePath)) {
        throw new MutationRejection('not_linked', '所选网格不属于走访的村社')
      }
      const opinion = visit.opinions.find((entry) => entry.id === origin.opinionId)
      if (!opinion) throw new MutationRejection('invalid_payload', '该意见不存在')
      if (opinion.issueId !== null && opinion.issueId !== recordId) {
        throw new MutationRejection('already_raised', '该意见已转为说事，请勿重复转交')
      }
      return [next.orgPath]
    }),
  ]
}
