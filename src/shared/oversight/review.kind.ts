/**
 * The record kind of an administrative-review matter taken in at a contact
 * point. The station (a village cadre, or township staff at a township
 * station) takes it in offline; the station or its township's justice
 * office forwards an application to the county's review body, which records
 * its decision. Who applied is seen only by those three (`view`).
 */
import { can } from '../auth/permissions.ts'
import type { Role } from '../auth/roles.ts'
import { chinaDate } from '../calendar/working-days.ts'
import { pathIds } from '../org/org-path.ts'
import {
  MutationRejection,
  parsePayload,
  type Actor,
  type MutationInput,
  type RecordKind,
  type RecordReference,
  type Viewer,
} from '../sync/record-kind.ts'
import { z } from 'zod'
import { isoDateSchema } from '../common/date.schema.ts'
import { reviewApplicationDue } from './review.deadline.ts'
import { departmentPathOf } from './self-correction.kind.ts'
import {
  REVIEW_KIND,
  reviewCreateSchema,
  reviewDataSchema,
  reviewDecisionSchema,
  type ReviewData,
} from './review.schema.ts'

export { REVIEW_KIND }

/** The county's settings of the kind. */
export interface ReviewOptions {
  /**
   * The unit id of the county's review body (a department, REVIEW_BODY_UNIT),
   * or null when none is named. Undefined on a device: the server decides.
   */
  reviewBody?: string | null
  /**
   * Ids of the stations designated as contact points (REVIEW_CONTACT_POINTS);
   * null: every township and village station. Undefined on a device.
   */
  contactPoints?: readonly string[] | null
}

/** True when `data` has a review matter's shape (the app's live list). */
export function isReviewData(
  data: Record<string, unknown>,
): data is Record<string, unknown> & ReviewData {
  return (
    typeof data.stationPath === 'string' &&
    typeof data.receivedOn === 'string' &&
    (data.type === 'application' || data.type === 'consultation')
  )
}

const forwardSchema = z.object({ forwardedOn: isoDateSchema })

/** The township a station belongs to (itself for a township station). */
export function townshipOfStation(stationPath: string): string {
  return `/${pathIds(stationPath).slice(0, 2).join('/')}/`
}

/**
 * True when `viewer` may see who applied: the station's own staff, the
 * township's justice office (its township staff) and the review body.
 */
export function seesApplicant(
  data: Pick<ReviewData, 'stationPath' | 'reviewBodyPath'>,
  viewer: { role: Role; orgPath: string },
): boolean {
  const { role, orgPath } = viewer
  if (orgPath === data.stationPath && (role === 'village_cadre' || role === 'township_staff'))
    return true
  if (orgPath === townshipOfStation(data.stationPath) && role === 'township_staff') return true
  return role === 'department_staff' && orgPath === data.reviewBodyPath
}

const STATION_DEPTHS = [2, 3]

function create(
  current: ReviewData | null,
  payload: unknown,
  actor: Actor,
  options: ReviewOptions,
): ReviewData {
  if (current) throw new MutationRejection('already_exists', '该事项已登记，请勿重复提交')
  if (
    !can(actor.role, 'review.intake') ||
    !STATION_DEPTHS.includes(pathIds(actor.orgPath).length)
  ) {
    throw new MutationRejection('forbidden_role', '只有乡镇、村社说事站可以受理行政复议事项')
  }
  const points = options.contactPoints
  if (points && !points.includes(actor.orgUnitId)) {
    throw new MutationRejection('forbidden_role', '本站尚未设为行政复议便民联系点')
  }
  const input = parsePayload(reviewCreateSchema, payload)
  const today = chinaDate(actor.at)
  if (input.receivedOn > today)
    throw new MutationRejection('invalid_payload', '受理日期不能晚于今天')
  const base = {
    type: input.type,
    stationPath: actor.orgPath,
    receivedOn: input.receivedOn,
    receivedBy: actor.userName,
    reviewBodyPath: null,
    forwardedOn: null,
    decision: null,
    events: [
      {
        action: 'receive' as const,
        at: actor.at,
        actorName: actor.userName,
        unitPath: actor.orgPath,
        note: input.type === 'application' ? '受理行政复议申请' : '解答行政复议咨询',
      },
    ],
  }
  if (input.type === 'consultation') {
    return {
      ...base,
      applicant: null,
      respondent: null,
      act: null,
      learnedOn: null,
      request: null,
      applicationDue: null,
      question: input.question,
      answer: input.answer,
      status: 'answered',
    }
  }
  if (input.learnedOn > input.receivedOn) {
    throw new MutationRejection('invalid_payload', '知道行政行为的日期不能晚于受理日期')
  }
  return {
    ...base,
    applicant: input.applicant,
    respondent: input.respondent,
    act: input.act,
    learnedOn: input.learnedOn,
    request: input.request,
    applicationDue: reviewApplicationDue(input.learnedOn),
    question: null,
    answer: null,
    status: 'received',
  }
}

function forward(
  current: ReviewData | null,
  payload: unknown,
  actor: Actor,
  options: ReviewOptions,
): ReviewData {
  if (!current) throw new MutationRejection('not_found', '该事项不存在或尚未同步')
  if (!can(actor.role, 'review.intake') || !seesApplicant(current, actor)) {
    throw new MutationRejection('forbidden_role', '只有受理的说事站或乡镇司法所可以转送')
  }
  if (current.type !== 'application' || current.status !== 'received') {
    throw new MutationRejection('invalid_transition', '该申请已转送')
  }
  if (options.reviewBody === null) {
    throw new MutationRejection('invalid_transition', '本县尚未指定行政复议机构')
  }
  const { forwardedOn } = parsePayload(forwardSchema, payload)
  if (forwardedOn < current.receivedOn || forwardedOn > chinaDate(actor.at)) {
    throw new MutationRejection('invalid_payload', '转送日期应在受理之后、今天之前')
  }
  return {
    ...current,
    status: 'forwarded',
    forwardedOn,
    reviewBodyPath:
      options.reviewBody === undefined
        ? current.reviewBodyPath
        : departmentPathOf(current.stationPath, options.reviewBody),
    events: [
      ...current.events,
      {
        action: 'forward',
        at: actor.at,
        actorName: actor.userName,
        unitPath: actor.orgPath,
        note: '转送县行政复议机构',
      },
    ],
  }
}

function decide(current: ReviewData | null, payload: unknown, actor: Actor): ReviewData {
  if (!current) throw new MutationRejection('not_found', '该事项不存在或尚未同步')
  if (
    !can(actor.role, 'review.decide') ||
    current.reviewBodyPath === null ||
    actor.orgPath !== current.reviewBodyPath
  ) {
    throw new MutationRejection('forbidden_role', '只有县行政复议机构可以登记复议结果')
  }
  if (current.status !== 'forwarded') {
    throw new MutationRejection('invalid_transition', '该申请尚未转送或已有结果')
  }
  const input = parsePayload(reviewDecisionSchema, payload)
  if (input.decidedOn < (current.forwardedOn ?? current.receivedOn)) {
    throw new MutationRejection('invalid_payload', '决定日期不能早于转送日期')
  }
  return {
    ...current,
    status: 'decided',
    decision: { outcome: input.outcome, decidedOn: input.decidedOn, note: input.note ?? '' },
    events: [
      ...current.events,
      {
        action: 'decide',
        at: actor.at,
        actorName: actor.userName,
        unitPath: actor.orgPath,
        note: input.note ?? '',
      },
    ],
  }
}

/** The name as others see it: the family name and two stars. */
function maskName(name: string): string {
  return `${Array.from(name)[0] ?? ''}**`
}

/** The kind on the county's settings (the server) or the defaults (a device). */
export function createReviewKind(options: ReviewOptions = {}): RecordKind<ReviewData> {
  return {
    kind: REVIEW_KIND,
    schema: reviewDataSchema,
    apply(current, mutation: MutationInput, actor) {
      switch (mutation.op) {
        case 'create':
          return create(current, mutation.payload, actor, options)
        case 'forward':
          return forward(current, mutation.payload, actor, options)
        case 'decide':
          return decide(current, mutation.payload, actor)
        default:
          throw new MutationRejection('unknown_op', '不支持的操作')
      }
    },
    audience: (data) =>
      data.reviewBodyPath ? [data.stationPath, data.reviewBodyPath] : [data.stationPath],
    view(data: ReviewData, viewer: Viewer): ReviewData {
      if (data.applicant === null || seesApplicant(data, viewer)) return data
      return { ...data, applicant: { name: maskName(data.applicant.name) }, request: null }
    },
    references(mutation, { next }): readonly RecordReference[] {
      if (mutation.op !== 'forward' || next.reviewBodyPath === null) return []
      return [
        {
          type: 'org_unit',
          path: next.reviewBodyPath,
          tier: 'department',
          isAddressee: true,
          code: 'invalid_transition',
          message: '本县行政复议机构设置有误',
        },
      ]
    },
  }
}

/** The kind with the defaults (devices; tests). */
export const reviewKind: RecordKind<ReviewData> = createReviewKind()
