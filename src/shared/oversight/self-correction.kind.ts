/**
 * The record kind of a self-correction case. Opened automatically, as the
 * server's own actor, when an enforcement complaint is dispatched to the
 * department whose act it concerns (the case's id is the issue's, so a
 * second opening — a repeated push, a second device — is refused and there
 * is exactly one case per complaint: src/server/oversight/self-correction.trigger.ts);
 * or by the county's enforcement-supervision body on any enforcement act.
 * The department walks the five steps in order; the body adds its checks.
 */
import { can } from '../auth/permissions.ts'
import { chinaDate } from '../calendar/working-days.ts'
import { pathIds } from '../org/org-path.ts'
import {
  MutationRejection,
  parsePayload,
  type Actor,
  type MutationInput,
  type RecordKind,
  type RecordReference,
} from '../sync/record-kind.ts'
import {
  DEFAULT_SELF_CORRECTION_STEP_DAYS,
  nextStep,
  stepDeadline,
  type SelfCorrectionStepDays,
} from './self-correction.deadlines.ts'
import {
  SELF_CORRECTION_KIND,
  selfCorrectionCreateSchema,
  selfCorrectionDataSchema,
  selfCorrectionStepSchema,
  supervisionCheckSchema,
  type SelfCorrectionData,
} from './self-correction.schema.ts'

export { SELF_CORRECTION_KIND }

/**
 * The server's actor that opens a case from a dispatched complaint. Its id
 * has a colon, so no device can claim it (the actor comes from the session).
 */
export const SELF_CORRECTION_ACTOR_ID = 'system:self-correction'

/** The county's settings of the kind. */
export interface SelfCorrectionOptions {
  stepDays?: SelfCorrectionStepDays
  /**
   * The unit id of the county's enforcement-supervision body (a department,
   * ENFORCEMENT_SUPERVISION_UNIT), or null when the county named none.
   * Left undefined on a device, which does not know it: the server, which
   * runs the kind again as the truth, decides.
   */
  supervisionBody?: string | null
}

/** True when `data` has a case's shape: the app's live list checks this instead of parsing. */
export function isSelfCorrectionData(
  data: Record<string, unknown>,
): data is Record<string, unknown> & SelfCorrectionData {
  return (
    typeof data.departmentPath === 'string' &&
    Array.isArray(data.steps) &&
    Array.isArray(data.checks) &&
    typeof data.openedOn === 'string'
  )
}

/** The path of department `id` in the county of `somePath` (departments hang under the county). */
export function departmentPathOf(somePath: string, id: string): string {
  return `/${pathIds(somePath)[0] ?? ''}/${id}/`
}

/** The supervision body's path for a case in the county of `somePath`; see `SelfCorrectionOptions`. */
function bodyPath(somePath: string, body: string | null | undefined): string | null | undefined {
  return typeof body === 'string' ? departmentPathOf(somePath, body) : body
}

/** True when `actor` is placed at the supervision body (unknown on a device: the server checks). */
function isSupervisionBody(actor: Actor, body: string | null | undefined): boolean {
  if (body === undefined) return actor.role === 'department_staff'
  return body !== null && actor.role === 'department_staff' && actor.orgPath === body
}

function create(
  current: SelfCorrectionData | null,
  payload: unknown,
  actor: Actor,
  options: SelfCorrectionOptions,
  table: SelfCorrectionStepDays,
): SelfCorrectionData {
  if (current) throw new MutationRejection('already_exists', '该事项的自我纠错案件已启动')
  const input = parsePayload(selfCorrectionCreateSchema, payload)
  if (pathIds(input.departmentPath).length !== 2) {
    throw new MutationRejection('invalid_payload', '请选择县级执法部门')
  }
  if (input.origin === 'complaint') {
    if (actor.userId !== SELF_CORRECTION_ACTOR_ID) {
      throw new MutationRejection('forbidden_role', '执法投诉的自我纠错由派发自动启动')
    }
    if (input.issueId === null || input.complaintType === null) {
      throw new MutationRejection('invalid_payload', '缺少投诉来源')
    }
  } else {
    if (!isSupervisionBody(actor, bodyPath(actor.orgPath, options.supervisionBody))) {
      throw new MutationRejection('forbidden_role', '只有县行政执法监督机构可以启动纠错调查')
    }
    if (input.issueId !== null || input.complaintType !== null) {
      throw new MutationRejection('invalid_payload', '纠错调查不关联群众投诉')
    }
  }
  const openedOn = chinaDate(actor.at)
  return {
    ...input,
    supervisionPath: bodyPath(input.departmentPath, options.supervisionBody) ?? null,
    openedOn,
    status: 'open',
    steps: [],
    due: stepDeadline('file_review', openedOn, table),
    result: null,
    checks: [],
    events: [
      {
        action: 'open',
        at: actor.at,
        actorName: actor.userName,
        unitPath: actor.orgPath,
        note: input.origin === 'complaint' ? '执法投诉派发，自动启动自我纠错' : '启动纠错调查',
      },
    ],
  }
}

function recordStep(
  current: SelfCorrectionData | null,
  payload: unknown,
  actor: Actor,
  table: SelfCorrectionStepDays,
): SelfCorrectionData {
  if (!current) throw new MutationRejection('not_found', '该案件不存在或尚未同步')
  if (!can(actor.role, 'enforcement.correct') || actor.orgPath !== current.departmentPath) {
    throw new MutationRejection('forbidden_role', '只有被投诉的执法部门可以办理自我纠错')
  }
  const expected = nextStep(current)
  if (current.status === 'concluded' || expected === null) {
    throw new MutationRejection('invalid_transition', '该案件已办结')
  }
  const input = parsePayload(selfCorrectionStepSchema, payload)
  if (input.step !== expected) {
    throw new MutationRejection('invalid_transition', '请按顺序办理纠错步骤')
  }
  const startedOn = current.due?.startedOn ?? current.openedOn
  if (input.doneOn < startedOn || input.doneOn > chinaDate(actor.at)) {
    throw new MutationRejection('invalid_payload', '办理日期应在上一步之后、今天之前')
  }
  const isLast = expected === 'feedback'
  if (isLast && (input.outcome === undefined || !input.reason)) {
    throw new MutationRejection('invalid_payload', '反馈群众时请填写纠错结果及理由')
  }
  if (!isLast && input.outcome !== undefined) {
    throw new MutationRejection('invalid_payload', '纠错结果在反馈群众时填写')
  }
  const due = current.due ?? stepDeadline(expected, startedOn, table)
  const steps = [
    ...current.steps,
    {
      step: expected,
      doneOn: input.doneOn,
      findings: input.findings,
      actorName: actor.userName,
      due: due.due,
      isLate: input.doneOn > due.due,
    },
  ]
  const following = nextStep({ steps })
  return {
    ...current,
    steps,
    status: isLast ? 'concluded' : 'open',
    due: following ? stepDeadline(following, input.doneOn, table) : null,
    result:
      isLast && input.outcome && input.reason
        ? { outcome: input.outcome, reason: input.reason }
        : current.result,
    events: [
      ...current.events,
      {
        action: 'step',
        at: actor.at,
        actorName: actor.userName,
        unitPath: actor.orgPath,
        note: input.findings,
      },
    ],
  }
}

function addCheck(
  current: SelfCorrectionData | null,
  payload: unknown,
  actor: Actor,
): SelfCorrectionData {
  if (!current) throw new MutationRejection('not_found', '该案件不存在或尚未同步')
  // The body named on the case when it opened (the server set it), so a
  // device checks the same thing the server does.
  if (current.supervisionPath === null || !isSupervisionBody(actor, current.supervisionPath)) {
    throw new MutationRejection('forbidden_role', '只有县行政执法监督机构可以评查和走访')
  }
  const input = parsePayload(supervisionCheckSchema, payload)
  if (input.doneOn < current.openedOn || input.doneOn > chinaDate(actor.at)) {
    throw new MutationRejection('invalid_payload', '日期应在案件启动之后、今天之前')
  }
  return {
    ...current,
    checks: [
      ...current.checks,
      {
        ...input,
        actorName: actor.userName,
        unitPath: actor.orgPath,
      },
    ],
    events: [
      ...current.events,
      {
        action: 'check',
        at: actor.at,
        actorName: actor.userName,
        unitPath: actor.orgPath,
        note: input.findings,
      },
    ],
  }
}

/** The kind on the county's settings (the server) or the defaults (a device). */
export function createSelfCorrectionKind(
  options: SelfCorrectionOptions = {},
): RecordKind<SelfCorrectionData> {
  const table = options.stepDays ?? DEFAULT_SELF_CORRECTION_STEP_DAYS
  return {
    kind: SELF_CORRECTION_KIND,
    schema: selfCorrectionDataSchema,
    apply(current, mutation: MutationInput, actor) {
      switch (mutation.op) {
        case 'create':
          return create(current, mutation.payload, actor, options, table)
        case 'record_step':
          return recordStep(current, mutation.payload, actor, table)
        case 'add_check':
          return addCheck(current, mutation.payload, actor)
        default:
          throw new MutationRejection('unknown_op', '不支持的操作')
      }
    },
    // The department and the supervision body; the county hub sees it as the
    // root of both. The township that dispatched follows the matter itself.
    // An investigation's home is the body that opened it (a record is born
    // in its author's subtree), a complaint's the department's.
    audience(data) {
      if (!data.supervisionPath) return [data.departmentPath]
      return data.origin === 'investigation'
        ? [data.supervisionPath, data.departmentPath]
        : [data.departmentPath, data.supervisionPath]
    },
    references(mutation, { next }): readonly RecordReference[] {
      if (mutation.op !== 'create') return []
      return [
        {
          type: 'org_unit',
          path: next.departmentPath,
          tier: 'department',
          // The body opens a case addressed to another department.
          isAddressee: true,
          code: 'invalid_payload',
          message: '请选择县级执法部门',
        },
      ]
    },
  }
}

/** The kind with the default step table (devices; tests). */
export const selfCorrectionKind: RecordKind<SelfCorrectionData> = createSelfCorrectionKind()
