/**
 * The discussion day as a sync record kind. Operations:
 * - 'create' (plan) and 'update_plan' by the village cadre, while planned;
 * - 'record' (minutes: sign-in, interpretation, per topic views and outcome,
 *   photos) by those who run the day, until sign-off;
 * - 'sign_off' by the village cadre: the record is then locked;
 * - 'amend' after sign-off: a correction appended, never an edit;
 * - 'cancel' by the village cadre, while planned;
 * - 'drop_topic': takes off a topic whose issue report has left the day
 *   (turned private: it may not go to a collective session). Sent by the
 *   server when the issue leaves (src/server/meeting/private-topics.ts).
 *
 * The record cannot read issue reports (apply is pure over one record): the
 * topics' facts are the planner's snapshot, checked here for the rules, and
 * each issue's own state machine decides again when the device schedules,
 * resolves or escalates it (see docs/meetings.md).
 */
import { downwardAudience, isWithin, pathIds } from '../org/org-path.ts'
import {
  createOnce,
  MutationRejection,
  type Actor,
  type KindApply,
  type RecordKind,
  type Viewer,
  definedFields,
  parsePayload,
  requireRole,
  shapeCheck,
} from '../sync/record-kind.ts'
import { PRIVATE_PLACEHOLDER } from '../issue/issue.kind.ts'
import { dropTopic, dropTopicReferences } from './meeting.drop-topic.ts'
import {
  amendmentSchema,
  meetingCreateSchema,
  meetingDataSchema,
  meetingPlanUpdateSchema,
  meetingRecordSchema,
  isTransitionOutcome,
  type MeetingAction,
  type MeetingData,
  type Topic,
  type TopicPlan,
} from './meeting.schema.ts'
import { MEETING_KIND } from './meeting.schema.ts'
import {
  canRecordMeeting,
  INELIGIBLE_MESSAGES,
  TOPIC_SET_MESSAGES,
  dayNotReachedMessage,
  interpretFirstMessage,
  isDayReached,
  isLocked,
  uninterpretedPolicies,
  topicIneligibility,
  topicSetProblem,
  villagePathOf,
} from './meeting.rules.ts'
import { z } from 'zod'
import { text } from '../common/text.schema.ts'

export { MEETING_KIND } from './meeting.schema.ts'
export { canRecordMeeting } from './meeting.rules.ts'

/** Cheap shape check of a stored discussion day, for the app's live lists (see `shapeCheck`). */
export const isMeetingData = shapeCheck<MeetingData>({
  string: ['date'],
  array: ['topics', 'events'],
})

/** Depth of a village's path (county / township / village); a grid's is one more. */
const VILLAGE_DEPTH = 3

const OUTCOME_WORDS = { agreed: '达成共识', resolved: '就地化解', escalated: '吹哨上报' } as const

const LOCKED_MESSAGE = '议事记录已签字确认，不能修改；如需更正，请添加补正说明'

function event(action: MeetingAction, actor: Actor, note = '') {
  return {
    action,
    actorId: actor.userId,
    actorName: actor.userName,
    actorRole: actor.role,
    at: actor.at,
    note,
  }
}

/** The planner: a village cadre of the day's village. */
function checkPlanner(actor: Actor, home: string): void {
  requireRole(actor, 'meeting.plan', '只有村社干部可以安排议事日并签字确认')
  if (!isWithin(home, actor.orgPath)) {
    throw new MutationRejection('out_of_scope', '只能安排本村社（网格）的议事日')
  }
}

function checkRecorder(meeting: MeetingData, actor: Actor): void {
  if (!canRecordMeeting(meeting, actor)) {
    throw new MutationRejection(
      actor.role === 'mediator' ? 'forbidden_role' : 'out_of_scope',
      '只有本次议事的组织者、受邀解事员和上级单位可以记录议事',
    )
  }
}

/** The plan's topics must fit the rules (eligibility and the point-to-point rule). */
function checkTopics(
  plan: Pick<MeetingData, 'form' | 'orgPath'> & { topics: readonly TopicPlan[] },
): void {
  const setProblem = topicSetProblem(plan.form, plan.topics)
  if (setProblem) throw new MutationRejection('invalid_topics', TOPIC_SET_MESSAGES[setProblem])
  for (const topic of plan.topics) {
    const reason = topicIneligibility(
      { ...topic, discussable: { verdict: topic.verdict } },
      plan.orgPath,
      plan.form,
    )
    if (reason) {
      throw new MutationRejection(
        reason === 'out_of_scope' ? 'out_of_scope' : 'not_discussable',
        `「${topic.title}」：${INELIGIBLE_MESSAGES[reason]}`,
      )
    }
  }
}

const freshTopic = (topic: TopicPlan): Topic => ({
  ...topic,
  views: '',
  outcome: null,
  minutes: '',
  followUps: '',
})

function plan(payload: Record<string, unknown>, actor: Actor): MeetingData {
  const input = parsePayload(meetingCreateSchema, payload)
  const depth = pathIds(input.orgPath).length
  if (depth !== VILLAGE_DEPTH && depth !== VILLAGE_DEPTH + 1) {
    throw new MutationRejection('invalid_payload', '议事日应由村社或网格组织')
  }
  checkPlanner(actor, input.orgPath)
  checkTopics(input)
  return {
    ...input,
    topics: input.topics.map(freshTopic),
    status: 'planned',
    plannedById: actor.userId,
    plannedByName: actor.userName,
    createdAt: actor.at,
    signIn: null,
    photos: [],
    signedOff: null,
    amendments: [],
    cancelReason: null,
    events: [event('plan', actor)],
  }
}

function updatePlan(
  current: MeetingData,
  payload: Record<string, unknown>,
  actor: Actor,
): MeetingData {
  checkPlanner(actor, current.orgPath)
  if (current.status !== 'planned') {
    throw new MutationRejection('invalid_transition', '议事已开始记录，不能再修改安排')
  }
  const changes = parsePayload(meetingPlanUpdateSchema, payload)
  const { topics, ...rest } = changes
  const defined = definedFields(rest)
  const next: MeetingData = {
    ...current,
    ...defined,
    ...(topics ? { topics: topics.map(freshTopic) } : {}),
  }
  checkTopics(next)
  return { ...next, events: [...current.events, event('update_plan', actor)] }
}

/** Minutes and sign-off only on or after the day's date (by the applier's clock). */
function checkDayReached(current: MeetingData, actor: Actor): void {
  if (!isDayReached(current, actor.at)) {
    throw new MutationRejection('day_not_reached', dayNotReachedMessage(current.date))
  }
}

/** 先解读，再议事: no outcome while a policy of the day is not interpreted. */
function checkInterpretedFirst(meeting: MeetingData): void {
  if (!meeting.topics.some((topic) => topic.outcome !== null)) return
  const [first] = uninterpretedPolicies(meeting.policies)
  if (first) throw new MutationRejection('interpret_first', interpretFirstMessage(first.title))
}

function record(current: MeetingData, payload: Record<string, unknown>, actor: Actor): MeetingData {
  checkRecorder(current, actor)
  checkDayReached(current, actor)
  const input = parsePayload(meetingRecordSchema, payload)
  const byIssue = new Map(current.topics.map((topic) => [topic.issueId, topic]))
  for (const change of input.topics ?? []) {
    const topic = byIssue.get(change.issueId)
    if (!topic) throw new MutationRejection('invalid_payload', '议题不在本次议事日中')
    // An agreement, resolution or escalation became the issue's own transition: it stands.
    if (
      isTransitionOutcome(topic.outcome) &&
      change.outcome !== undefined &&
      change.outcome !== topic.outcome
    ) {
      throw new MutationRejection(
        'invalid_transition',
        `「${topic.title}」已${OUTCOME_WORDS[topic.outcome]}，议事结果不能更改`,
      )
    }
    const defined = Object.fromEntries(
      Object.entries(change).filter(([key, value]) => key !== 'issueId' && value !== undefined),
    )
    byIssue.set(change.issueId, { ...topic, ...defined })
  }
  const next: MeetingData = {
    ...current,
    ...(input.signIn ? { signIn: input.signIn } : {}),
    ...(input.policies ? { policies: input.policies } : {}),
    ...(input.photos ? { photos: input.photos } : {}),
    topics: current.topics.map((topic) => byIssue.get(topic.issueId) ?? topic),
    status: 'held',
    events: [...current.events, event('record', actor)],
  }
  // Checked when this change sets an outcome or the policies, so minutes
  // saved before the rule can still be completed with views or follow-ups.
  if (input.policies || input.topics?.some((change) => change.outcome)) checkInterpretedFirst(next)
  return next
}

function signOff(current: MeetingData, actor: Actor): MeetingData {
  checkPlanner(actor, current.orgPath)
  if (current.status !== 'held') {
    throw new MutationRejection('invalid_transition', '议事尚未记录，不能签字确认')
  }
  checkDayReached(current, actor)
  const [uninterpreted] = uninterpretedPolicies(current.policies)
  if (uninterpreted) {
    throw new MutationRejection('incomplete', interpretFirstMessage(uninterpreted.title))
  }
  const open = current.topics.find((topic) => topic.outcome === null)
  if (open) throw new MutationRejection('incomplete', `「${open.title}」尚未记录议事结果`)
  const signIn = current.signIn
  if (!signIn || (signIn.count === 0 && signIn.sheetPhotos.length === 0)) {
    throw new MutationRejection('incomplete', '请先记录签到（到会人数或签到表照片）')
  }
  return {
    ...current,
    status: 'signed_off',
    signedOff: { byId: actor.userId, byName: actor.userName, at: actor.at },
    events: [...current.events, event('sign_off', actor)],
  }
}

const amendPayloadSchema = z.object({ text: amendmentSchema.shape.text })
const cancelPayloadSchema = z.object({
  reason: text({ max: 500, missing: '请填写取消原因', multiline: true }),
})

function amend(current: MeetingData, payload: Record<string, unknown>, actor: Actor): MeetingData {
  checkRecorder(current, actor)
  if (!isLocked(current)) {
    throw new MutationRejection(
      'invalid_transition',
      '议事记录签字确认后才需补正；签字前请直接修改记录',
    )
  }
  const { text } = parsePayload(amendPayloadSchema, payload)
  const amendment = {
    id: String(current.amendments.length + 1),
    text,
    byId: actor.userId,
    byName: actor.userName,
    at: actor.at,
  }
  return {
    ...current,
    amendments: [...current.amendments, amendment],
    events: [...current.events, event('amend', actor, text)],
  }
}

function cancel(current: MeetingData, payload: Record<string, unknown>, actor: Actor): MeetingData {
  checkPlanner(actor, current.orgPath)
  if (current.status !== 'planned') {
    throw new MutationRejection('invalid_transition', '只有尚未召开的议事日可以取消')
  }
  const { reason } = parsePayload(cancelPayloadSchema, payload)
  return {
    ...current,
    status: 'cancelled',
    cancelReason: reason,
    events: [...current.events, event('cancel', actor, reason)],
  }
}

/** Pure: the next state of a discussion day, or a MutationRejection. */
export const applyMeeting: KindApply<MeetingData> = (current, mutation, actor) => {
  const { op, payload } = mutation
  if (op === 'create') {
    return createOnce(current, '该议事日已安排，请勿重复提交', () => plan(payload, actor))
  }
  if (!current) throw new MutationRejection('not_found', '该议事日不存在或尚未同步')
  if (current.status === 'cancelled') {
    throw new MutationRejection('invalid_transition', '该议事日已取消')
  }
  // The lock: after sign-off only amendments are taken.
  if (isLocked(current) && op !== 'amend') {
    throw new MutationRejection('locked', LOCKED_MESSAGE)
  }
  switch (op) {
    case 'update_plan':
      return updatePlan(current, payload, actor)
    case 'record':
      return record(current, payload, actor)
    case 'sign_off':
      return signOff(current, actor)
    case 'amend':
      return amend(current, payload, actor)
    case 'cancel':
      return cancel(current, payload, actor)
    case 'drop_topic':
      return dropTopic(current, payload, actor)
    default:
      throw new MutationRejection('unknown_op', '不支持的操作')
  }
}

/**
 * The day as `viewer` may see it: a private matter's topic (点对点) shows its
 * content only to the village's own cadres and to the grid worker of the
 * matter's grid, as the issue itself does (see `viewIssue`; a grid worker
 * sees no other grid's reports); everyone else, the village's other grid
 * workers included, sees that it exists and how it ended. The residents
 * notified of such a day are withheld alike: they name the matter's people.
 */
export function viewMeeting(data: MeetingData, viewer: Viewer): MeetingData {
  if (!data.topics.some((topic) => topic.isPrivate)) return data
  const isVillageCadre =
    viewer.role === 'village_cadre' && isWithin(data.orgPath, villagePathOf(viewer.orgPath))
  const seesContent = (topic: Topic) =>
    isVillageCadre || (viewer.role === 'grid_worker' && isWithin(topic.orgPath, viewer.orgPath))
  if (data.topics.every((topic) => !topic.isPrivate || seesContent(topic))) return data
  return {
    ...data,
    notices: [],
    topics: data.topics.map((topic) =>
      topic.isPrivate && !seesContent(topic)
        ? {
            ...topic,
            title: PRIVATE_PLACEHOLDER.slice(0, 60),
            views: '',
            minutes: '',
            followUps: '',
          }
        : topic,
    ),
  }
}

/**
 * Who sees a day: its home and everything above it; a village's day also
 * reaches down to the grids of the village (the downward mark, ADR 0004), so
 * grid workers see the days where their residents' matters are discussed and
 * what was decided (issue #12.5). They only read it: recording needs a unit
 * that covers the home (`canRecordMeeting`). Migration
 * 2026_11_27_1010_meeting_days_reach_grids gave the mark to older days.
 */
export function meetingAudience(data: Pick<MeetingData, 'orgPath'>): string[] {
  return pathIds(data.orgPath).length === VILLAGE_DEPTH
    ? [data.orgPath, downwardAudience(data.orgPath)]
    : [data.orgPath]
}

/** The discussion-day kind. */
export const meetingKind: RecordKind<MeetingData> = {
  kind: MEETING_KIND,
  schema: meetingDataSchema,
  apply: applyMeeting,
  audience: meetingAudience,
  view: viewMeeting,
  attachments: (data) => [
    ...(data.signIn?.sheetPhotos ?? []),
    ...(data.signIn?.signatures ?? []).map((signature) => signature.sha256),
    ...data.photos,
  ],
  references: dropTopicReferences,
}
