/**
 * The consultation as a sync record kind. A department (or the county on its
 * behalf) drafts it, opens it to the concerned townships and villages, closes
 * it after the period, answers every opinion, and submits it for collective
 * review through the gate (consultation.machine.ts); or marks the draft
 * exempt with its ground, reason and approver.
 */
import { can } from '../auth/permissions.ts'
import { chinaDate } from '../calendar/working-days.ts'
import { downwardAudience, isWithin, pathIds } from '../org/org-path.ts'
import { concernedUnitReferences, POLICY_KIND } from '../policy/policy.kind.ts'
import { policyDataSchema } from '../policy/policy.schema.ts'
import {
  createOnce,
  MutationRejection,
  parsePayload,
  recordReference,
  type Actor,
  type KindReferences,
  type RecordKind,
  shapeCheck,
} from '../sync/record-kind.ts'
import {
  answerDeadline,
  assertConsultationRules,
  DEFAULT_CONSULTATION_RULES,
  earliestCloseDate,
  type ConsultationRules,
} from './consultation.rules.ts'
import {
  canStart,
  CONSULTATION_OPS,
  isUnansweredOpinionOf,
  REVIEW_GATE_CODE,
  stateGateRefusal,
  UNANSWERED_MESSAGE,
  type ConsultationOp,
} from './consultation.machine.ts'
import {
  CONSULTATION_KIND,
  consultationCreateSchema,
  consultationDataSchema,
  consultationUpdateSchema,
  decisionInputSchema,
  exemptionInputSchema,
  MAX_SESSIONS,
  POLICY_TYPES,
  sessionInputSchema,
  type ConsultationData,
} from './consultation.schema.ts'
import { OPINION_KIND } from './opinion.schema.ts'

export { CONSULTATION_KIND }

/** Cheap shape check of a stored consultation, for the app's live lists (see `shapeCheck`). */
export const isConsultationData = shapeCheck<ConsultationData>({
  string: ['title', 'department', 'draftText'],
  array: ['sessions'],
})

/** Depth of a department's path: county / department. */
const DEPARTMENT_DEPTH = 2

/**
 * True when `actor` may run the consultation of `department`: its own
 * department's staff, or the county on its behalf.
 */
export function mayManageConsultation(
  actor: Pick<Actor, 'role' | 'orgPath'>,
  department: string,
): boolean {
  if (!can(actor.role, 'consultation.manage')) return false
  return actor.role === 'department_staff'
    ? actor.orgPath === department
    : isWithin(department, actor.orgPath)
}

function assertManager(actor: Actor, department: string): void {
  if (!mayManageConsultation(actor, department)) {
    throw new MutationRejection('forbidden_role', '只有起草部门或县说事中心可以办理征求意见事项')
  }
}

function checkDraft(data: Pick<ConsultationData, 'department' | 'concerns'>): void {
  if (pathIds(data.department).length !== DEPARTMENT_DEPTH) {
    throw new MutationRejection('invalid_payload', '请选择起草部门')
  }
  const county = `/${pathIds(data.department)[0] ?? ''}/`
  if (data.concerns.some((path) => !isWithin(path, county) || path === county)) {
    throw new MutationRejection('out_of_scope', '涉及的乡镇或村社须在本县内')
  }
}

function create(payload: Record<string, unknown>, actor: Actor): ConsultationData {
  const input = parsePayload(consultationCreateSchema, payload)
  assertManager(actor, input.department)
  checkDraft(input)
  return {
    ...input,
    concerns: [...new Set(input.concerns)],
    status: 'draft',
    createdBy: actor.userId,
    createdByName: actor.userName,
    createdAt: actor.at,
    openedAt: null,
    closedAt: null,
    answersDue: null,
    answeredAt: null,
    sessions: [],
    exemption: null,
    submittedAt: null,
    decision: null,
  }
}

function stamp(actor: Actor) {
  return { by: actor.userId, byName: actor.userName, at: actor.at }
}

function isOp(op: string): op is ConsultationOp {
  return CONSULTATION_OPS.some((known) => known === op)
}

function step(
  current: ConsultationData,
  op: ConsultationOp,
  payload: Record<string, unknown>,
  actor: Actor,
  rules: ConsultationRules,
): ConsultationData {
  const today = chinaDate(actor.at)
  switch (op) {
    case 'update': {
      const changes = parsePayload(consultationUpdateSchema, payload)
      const next = { ...current, ...changes }
      // The department is who may run it: moving it elsewhere is a new consultation.
      if (next.department !== current.department) {
        throw new MutationRejection('invalid_payload', '起草部门不能修改')
      }
      parsePayload(consultationCreateSchema, next)
      checkDraft(next)
      return { ...next, concerns: [...new Set(next.concerns)] }
    }
    case 'open': {
      const earliest = earliestCloseDate(current.opensOn, rules)
      if (current.closesOn < earliest) {
        throw new MutationRejection(
          'period_too_short',
          `征求意见期限不少于${rules.minPeriodDays}日，截止日期不能早于${earliest}`,
        )
      }
      return {
        ...current,
        status: 'open',
        openedAt: actor.at,
        answersDue: answerDeadline(current.closesOn, rules),
      }
    }
    case 'close':
      if (today <= current.closesOn) {
        throw new MutationRejection(
          'period_not_over',
          `征求意见期至${current.closesOn}，期满后才能结束`,
        )
      }
      return { ...current, status: 'closed', closedAt: actor.at }
    case 'record_session': {
      const session = parsePayload(sessionInputSchema, payload)
      if (session.heldOn < current.opensOn || session.heldOn > current.closesOn) {
        throw new MutationRejection('invalid_payload', '视频会日期须在征求意见期内')
      }
      if (session.heldOn > today) throw new MutationRejection('invalid_payload', '日期不能晚于今天')
      if (current.sessions.some((known) => known.id === session.id)) {
        throw new MutationRejection('already_exists', '该视频会已登记')
      }
      if (current.sessions.length >= MAX_SESSIONS) {
        throw new MutationRejection('too_many_sessions', `一个事项最多登记${MAX_SESSIONS}次视频会`)
      }
      return { ...current, sessions: [...current.sessions, { ...session, ...stamp(actor) }] }
    }
    case 'finish_answers':
      return { ...current, status: 'answered', answeredAt: actor.at }
    case 'exempt': {
      const exemption = parsePayload(exemptionInputSchema, payload)
      return { ...current, status: 'exempt', exemption: { ...exemption, ...stamp(actor) } }
    }
    case 'submit_for_review': {
      const refusal = stateGateRefusal(current)
      if (refusal) throw refusal
      return { ...current, status: 'submitted', submittedAt: actor.at }
    }
    case 'decide': {
      const decision = parsePayload(decisionInputSchema, payload)
      if (POLICY_TYPES.includes(current.type) && decision.policyId === null) {
        throw new MutationRejection('invalid_payload', '政策或规范性文件须同时登记为政策')
      }
      return { ...current, status: 'decided', decision: { ...decision, ...stamp(actor) } }
    }
  }
}

/** Why `op` may not start from the current state, in Chinese. */
function notFromHere(op: ConsultationOp, current: ConsultationData): MutationRejection {
  if (op === 'submit_for_review') {
    return (
      stateGateRefusal(current) ?? new MutationRejection('invalid_transition', '当前状态不能提交')
    )
  }
  const reasons: Record<Exclude<ConsultationOp, 'submit_for_review'>, string> = {
    update: '已公开的征求意见事项不能修改',
    open: '该事项已公开征求意见',
    close: '该事项不在征求意见期内',
    record_session: '该事项不在征求意见期内',
    finish_answers: '征求意见结束后才能确认答复完毕',
    exempt: '已公开征求意见的事项不能再申请免于征求',
    decide: '提交集体审议后才能登记审议结果',
  }
  return new MutationRejection('invalid_transition', reasons[op])
}

/**
 * The consultation kind with the county's own clocks (the server builds it
 * from configuration; devices use the defaults for their optimistic view
 * and take the server's answer as final).
 */
export function createConsultationKind(
  rules: ConsultationRules = DEFAULT_CONSULTATION_RULES,
): RecordKind<ConsultationData> {
  assertConsultationRules(rules)
  return {
    kind: CONSULTATION_KIND,
    schema: consultationDataSchema,
    apply(current, mutation, actor) {
      const { op, payload } = mutation
      if (op === 'create') {
        return createOnce(current, '该事项已登记，请勿重复提交', () => create(payload, actor))
      }
      if (!isOp(op)) throw new MutationRejection('unknown_op', '不支持的操作')
      if (!current) throw new MutationRejection('not_found', '该事项不存在或尚未同步')
      assertManager(actor, current.department)
      if (!canStart(op, current.status)) throw notFromHere(op, current)
      return step(current, op, payload, actor, rules)
    },
    /**
     * The department; once out of draft, each concerned township or village
     * with every unit below it (a downward entry, ADR 0004): the stations
     * and grids that hold 恳谈会 and transcribe opinions must see it. A
     * draft, and an exempt one never opened, stay with the department (and
     * the county).
     */
    audience(data) {
      if (data.openedAt === null) return [data.department]
      return [data.department, ...data.concerns.map(downwardAudience)]
    },
    attachments: (data) => data.attachments,
    references: consultationReferences,
  }
}

/**
 * What the server checks beyond `apply`:
 * - create: the department is one of the county's departments; opening
 *   addresses the concerned townships and villages, which must exist;
 * - finish_answers and submit_for_review: the opinion half of the gate, no
 *   stored opinion of it awaiting its answer (one read of the opinions, under
 *   the kind's lock on PostgreSQL);
 * - decide: the registered policy exists, is in sight and names this
 *   consultation.
 */
const consultationReferences: KindReferences<ConsultationData> = (mutation, { recordId, next }) => {
  switch (mutation.op) {
    case 'create':
      return [
        {
          type: 'org_unit',
          path: next.department,
          tier: 'department',
          isAddressee: true,
          code: 'unknown_department',
          message: '所选起草部门不是本县的县级部门',
        },
      ]
    case 'open':
      return concernedUnitReferences(next.concerns)
    case 'finish_answers':
    case 'submit_for_review':
      if (next.status === 'submitted' && next.exemption) return []
      return [
        {
          type: 'distinct',
          kind: OPINION_KIND,
          id: recordId,
          code: REVIEW_GATE_CODE,
          message: UNANSWERED_MESSAGE,
          clashes: (other) => isUnansweredOpinionOf(recordId, other),
        },
      ]
    case 'decide': {
      const policyId = next.decision?.policyId
      if (!policyId) return []
      return [
        recordReference(
          POLICY_KIND,
          policyDataSchema,
          policyId,
          { code: 'unknown_policy', message: '登记的政策不存在或不在您的管辖范围内' },
          (policy) => {
            if (policy.consultationId !== recordId) {
              throw new MutationRejection('policy_mismatch', '登记的政策不是本事项的决定')
            }
            return []
          },
        ),
      ]
    }
    default:
      return []
  }
}

/** The consultation kind with the default clocks. */
export const consultationKind: RecordKind<ConsultationData> = createConsultationKind()
