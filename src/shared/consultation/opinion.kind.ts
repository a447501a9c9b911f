/**
 * The opinion as a sync record kind. Written once by whoever heard it (or by
 * the public route as the system actor); the consultation's department then
 * classifies (themes, duplicate group) and answers it. Its place is derived
 * from its author's unit, never typed: the place decides which township
 * and village see it.
 */
import { can } from '../auth/permissions.ts'
import { chinaDate } from '../calendar/working-days.ts'
import { maskName, maskPhone } from '../issue/issue.kind.ts'
import { canRecordMeeting } from '../meeting/meeting.rules.ts'
import { MEETING_KIND, meetingDataSchema } from '../meeting/meeting.schema.ts'
import { downwardAudience, isWithin, pathIds } from '../org/org-path.ts'
import {
  createOnce,
  MutationRejection,
  parsePayload,
  recordReference,
  type Actor,
  type KindReferences,
  type RecordKind,
  type RecordReference,
  type Viewer,
  shapeCheck,
} from '../sync/record-kind.ts'
import { mayManageConsultation } from './consultation.kind.ts'
import { ANSWERING_STATUSES, RECEIVING_STATUSES } from './consultation.machine.ts'
import { consultationReference } from './consultation.reference.ts'
import {
  answerInputSchema,
  classifyInputSchema,
  OPINION_KIND,
  opinionCreateSchema,
  opinionDataSchema,
  type OpinionCreateInput,
  type OpinionData,
} from './opinion.schema.ts'

export { OPINION_KIND }

/**
 * The server's own actor for opinions from the public page (cpub's route).
 * Its id cannot be a user's (user ids have no colon), and a device cannot
 * claim it: the actor comes from the session.
 */
export const PUBLIC_OPINION_ACTOR_ID = 'system:public-consultation'

/** Cheap shape check of a stored opinion, for the app's live lists (see `shapeCheck`). */
export const isOpinionData = shapeCheck<OpinionData>({
  string: ['consultationId', 'channel', 'unitPath'],
  present: ['answer'],
})

const VILLAGE_DEPTH = 3

/** The village of a unit path (the village itself, or a grid's), or null above village level. */
export function villageOf(unitPath: string): string | null {
  const ids = pathIds(unitPath)
  return ids.length < VILLAGE_DEPTH ? null : `/${ids.slice(0, VILLAGE_DEPTH).join('/')}/`
}

/**
 * The create payload of an opinion from the public page, for the public
 * route (cpub) to save through `applyBatch` as `PUBLIC_OPINION_ACTOR_ID`:
 * the route has checked the consultation is open and found its department.
 */
export function publicOpinionPayload(input: {
  consultationId: string
  department: string
  text: string
  heardOn: string
  villagePath: string | null
  resident: { name?: string; phone?: string } | null
  trackingHash: string | null
}): OpinionCreateInput {
  return {
    ...input,
    channel: 'public',
    meetingId: null,
    sessionId: null,
  }
}

function create(payload: Record<string, unknown>, actor: Actor): OpinionData {
  const input = parsePayload(opinionCreateSchema, payload)
  const isPublic = input.channel === 'public'
  if (isPublic !== (actor.userId === PUBLIC_OPINION_ACTOR_ID)) {
    throw new MutationRejection('forbidden_role', '网上意见须通过公开征求意见页面提交')
  }
  if (!isPublic && !can(actor.role, 'opinion.record')) {
    throw new MutationRejection('forbidden_role', '您的角色不能录入意见')
  }
  if (input.channel === 'mediator_assessment' && actor.role !== 'mediator') {
    throw new MutationRejection('forbidden_role', '只有解事员可以提交评估意见')
  }
  if (input.channel === 'video_meeting' && !mayManageConsultation(actor, input.department)) {
    throw new MutationRejection('forbidden_role', '视频会意见由起草部门录入')
  }
  if ((input.channel === 'discussion_day') !== (input.meetingId !== null)) {
    throw new MutationRejection('invalid_payload', '议事日意见须选择议事日')
  }
  if ((input.channel === 'video_meeting') !== (input.sessionId !== null)) {
    throw new MutationRejection('invalid_payload', '视频会意见须选择视频会')
  }
  if (input.heardOn > chinaDate(actor.at)) {
    throw new MutationRejection('invalid_payload', '听取意见日期不能晚于今天')
  }
  if (!isPublic && (input.villagePath !== null || input.trackingHash !== null)) {
    throw new MutationRejection('invalid_payload', '录入的意见以录入人所在单位为听取地点')
  }
  if (input.villagePath !== null && pathIds(input.villagePath).length !== VILLAGE_DEPTH) {
    throw new MutationRejection('invalid_payload', '请选择所在村社')
  }
  // Public: the village the person chose, else the department. Transcribed: the author's unit.
  const unitPath = isPublic ? (input.villagePath ?? input.department) : actor.orgPath
  return {
    ...input,
    unitPath,
    villagePath: villageOf(unitPath),
    themes: [],
    group: null,
    answer: null,
    recordedBy: actor.userId,
    recordedByName: actor.userName,
    recordedAt: actor.at,
  }
}

function assertDepartment(current: OpinionData, actor: Actor): void {
  if (!mayManageConsultation(actor, current.department)) {
    throw new MutationRejection('forbidden_role', '只有起草部门或县说事中心可以处理意见')
  }
}

function classify(current: OpinionData, payload: Record<string, unknown>, actor: Actor) {
  assertDepartment(current, actor)
  const input = parsePayload(classifyInputSchema, payload)
  if (input.themes === undefined && input.group === undefined) {
    throw new MutationRejection('invalid_payload', '没有要修改的内容')
  }
  return {
    ...current,
    ...(input.themes === undefined ? {} : { themes: [...new Set(input.themes)] }),
    ...(input.group === undefined ? {} : { group: input.group }),
  }
}

function answer(current: OpinionData, payload: Record<string, unknown>, actor: Actor) {
  assertDepartment(current, actor)
  const input = parsePayload(answerInputSchema, payload)
  return {
    ...current,
    answer: {
      verdict: input.verdict,
      reason: input.verdict === 'adopted' && input.reason === '' ? null : input.reason,
      answeredAt: actor.at,
      answeredBy: actor.userId,
      answeredByName: actor.userName,
    },
  }
}

/**
 * True when `viewer` may see the person's name and phone: the consultation's
 * department (and the county running it on its behalf does not: oversight
 * works on figures), and the grid worker or village cadre of the place it
 * was heard — the village handling it. Everyone else sees them masked, as
 * residents' phones are on issue reports.
 */
export function canSeeOpinionPerson(data: OpinionData, viewer: Viewer): boolean {
  switch (viewer.role) {
    case 'department_staff':
      return viewer.orgPath === data.department
    case 'grid_worker':
      return isWithin(data.unitPath, viewer.orgPath)
    case 'village_cadre':
      return data.villagePath !== null && isWithin(data.villagePath, viewer.orgPath)
    default:
      return false
  }
}

/** The opinion as `viewer` may see it: the person masked unless allowed, the tracking hash never. */
export function viewOpinion(data: OpinionData, viewer: Viewer): OpinionData {
  const view = { ...data, trackingHash: null }
  if (!data.resident || canSeeOpinionPerson(data, viewer)) return view
  const { name, phone } = data.resident
  return {
    ...view,
    resident: {
      ...(name === undefined ? {} : { name: maskName(name) }),
      ...(phone === undefined ? {} : { phone: maskPhone(phone) }),
    },
  }
}

/**
 * The consultation, which the server loads for every operation: on create
 * it must be receiving, the opinion's department and dates its own, a public
 * opinion's village among those concerned, a video meeting one of its
 * sessions; answers and classification are taken until it goes to review.
 * A discussion day must list the consultation and be one the author records.
 * A group's lead must be an opinion of the same consultation.
 */
const opinionReferences: KindReferences<OpinionData> = (mutation, { recordId, next, actor }) => {
  const isCreate = mutation.op === 'create'
  const references: RecordReference[] = [
    consultationReference(next.consultationId, (consultation) => {
      if (consultation.department !== next.department) {
        throw new MutationRejection('consultation_mismatch', '意见的起草部门与征求意见事项不符')
      }
      if (!isCreate) {
        if (!ANSWERING_STATUSES.includes(consultation.status)) {
          throw new MutationRejection('answers_frozen', '该事项已提交集体审议，答复不能再修改')
        }
        return []
      }
      if (!RECEIVING_STATUSES.includes(consultation.status)) {
        throw new MutationRejection('not_receiving', '该事项不在征求意见期内，不再接收意见')
      }
      if (next.heardOn < consultation.opensOn || next.heardOn > consultation.closesOn) {
        throw new MutationRejection(
          'not_receiving',
          `听取意见日期须在征求意见期内（${consultation.opensOn}至${consultation.closesOn}）`,
        )
      }
      if (
        next.channel === 'public' &&
        next.villagePath !== null &&
        !consultation.concerns.some((path) => isWithin(next.villagePath ?? '', path))
      ) {
        throw new MutationRejection('consultation_mismatch', '所选村社不在该事项涉及范围内')
      }
      if (
        next.sessionId !== null &&
        !consultation.sessions.some((session) => session.id === next.sessionId)
      ) {
        throw new MutationRejection('unknown_session', '所选视频会不存在')
      }
      return [consultation.department]
    }),
  ]
  if (isCreate && next.meetingId !== null) {
    references.push(
      recordReference(
        MEETING_KIND,
        meetingDataSchema,
        next.meetingId,
        { code: 'unknown_meeting', message: '所选议事日不存在或不在您的管辖范围内' },
        (meeting) => {
          if (meeting.status === 'cancelled') {
            throw new MutationRejection('invalid_transition', '该议事日已取消')
          }
          if (!meeting.consultations.some((ref) => ref.consultationId === next.consultationId)) {
            throw new MutationRejection('meeting_mismatch', '这次议事日没有议这一征求意见事项')
          }
          if (!canRecordMeeting(meeting, actor)) {
            throw new MutationRejection('not_invited', '只有这次议事日的组织单位可以记录其意见')
          }
          return []
        },
      ),
    )
  }
  const group = mutation.op === 'classify' ? mutation.payload.group : null
  if (typeof group === 'string' && group !== recordId) {
    references.push(
      recordReference(
        OPINION_KIND,
        opinionDataSchema,
        group,
        { code: 'unknown_opinion', message: '要归并的意见不存在' },
        (lead) => {
          if (lead.consultationId !== next.consultationId) {
            throw new MutationRejection('invalid_payload', '只能归并同一事项的意见')
          }
          return []
        },
      ),
    )
  }
  return references
}

/** The opinion kind. */
export const opinionKind: RecordKind<OpinionData> = {
  kind: OPINION_KIND,
  schema: opinionDataSchema,
  apply(current, mutation, actor) {
    const { op, payload } = mutation
    if (op === 'create') {
      return createOnce(current, '该意见已提交，请勿重复提交', () => create(payload, actor))
    }
    if (op !== 'classify' && op !== 'answer') {
      throw new MutationRejection('immutable', '意见提交后内容不能修改')
    }
    if (!current) throw new MutationRejection('not_found', '该意见不存在或尚未同步')
    return op === 'answer' ? answer(current, payload, actor) : classify(current, payload, actor)
  },
  /**
   * Where it was heard (its township sees it above), and the consultation's
   * department. A public opinion naming its village reaches down to the
   * village's grids too, so the grid worker can tell the resident the answer
   * (the person's name and phone stay masked for them: `canSeeOpinionPerson`).
   */
  audience: (data) => [
    data.unitPath,
    ...(data.channel === 'public' && data.villagePath !== null
      ? [downwardAudience(data.villagePath)]
      : []),
    data.department,
  ],
  view: viewOpinion,
  references: opinionReferences,
}
