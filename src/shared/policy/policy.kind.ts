/**
 * The policy as a sync record kind. Registered by county staff or by the
 * issuing department itself; interpretation sessions are appended by the
 * department, the county, or the stations concerned (from a discussion day
 * or on their own). Nothing registered is edited away: sessions only add.
 */
import { can } from '../auth/permissions.ts'
import { chinaDate } from '../calendar/working-days.ts'
import { downwardAudience, isWithin, pathIds } from '../org/org-path.ts'
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
  requireRole,
} from '../sync/record-kind.ts'
import { MEETING_KIND, meetingDataSchema } from '../meeting/meeting.schema.ts'
import { consultationReference } from '../consultation/consultation.reference.ts'
import { POLICY_TYPES } from '../consultation/consultation.schema.ts'
import { isSameDocumentNumber } from './document-number.ts'
import { interpretationDeadline } from './interpretation.ts'
import {
  interpretationInputSchema,
  policyCreateSchema,
  policyDataSchema,
  type PolicyData,
} from './policy.schema.ts'

/** The record kind's name in the sync protocol. */
export const POLICY_KIND = 'policy'

/** Cheap shape check of a stored policy, for the app's live lists (see `shapeCheck`). */
export const isPolicyData = shapeCheck<PolicyData>({
  string: ['issueDate', 'documentNumber'],
  array: ['interpretations'],
})

/** Depth of a department's (and a township's) path: county / unit. */
const COUNTY_CHILD_DEPTH = 2

function create(payload: Record<string, unknown>, actor: Actor): PolicyData {
  requireRole(actor, 'policy.manage', '只有县说事中心或县级部门可以登记政策')
  const input = parsePayload(policyCreateSchema, payload)
  if (pathIds(input.issuingDepartment).length !== COUNTY_CHILD_DEPTH) {
    throw new MutationRejection('invalid_payload', '请选择起草部门')
  }
  // A department registers its own policies; the county registers for any department.
  const mayIssue =
    actor.role === 'department_staff'
      ? input.issuingDepartment === actor.orgPath
      : isWithin(input.issuingDepartment, actor.orgPath)
  if (!mayIssue) throw new MutationRejection('out_of_scope', '只能登记本部门起草的政策')
  const county = `/${pathIds(input.issuingDepartment)[0] ?? ''}/`
  if (input.concerns.some((path) => !isWithin(path, county))) {
    throw new MutationRejection('out_of_scope', '涉及的乡镇或村社须在本县内')
  }
  return {
    ...input,
    concerns: [...new Set(input.concerns)],
    registeredBy: actor.userId,
    registeredByName: actor.userName,
    registeredAt: actor.at,
    interpretationDeadline: interpretationDeadline(input.issueDate),
    interpretations: [],
  }
}

function recordInterpretation(
  current: PolicyData,
  payload: Record<string, unknown>,
  actor: Actor,
): PolicyData {
  if (!can(actor.role, 'policy.manage') && !can(actor.role, 'meeting.record')) {
    throw new MutationRejection('forbidden_role', '您的角色不能登记政策解读')
  }
  const session = parsePayload(interpretationInputSchema, payload)
  if (session.heldOn < current.issueDate) {
    throw new MutationRejection('invalid_payload', '解读日期不能早于印发日期')
  }
  if (session.heldOn > chinaDate(actor.at)) {
    throw new MutationRejection('invalid_payload', '解读日期不能晚于今天')
  }
  return {
    ...current,
    interpretations: [
      ...current.interpretations,
      {
        ...session,
        recordedBy: actor.userId,
        recordedByName: actor.userName,
        recordedAt: actor.at,
      },
    ],
  }
}

/**
 * A policy decided on a consultation (issue #15) names it: the consultation
 * must be in sight, of the same department, of a policy type, and submitted
 * for review (the decision, in the same push, then names the policy).
 */
function decidedConsultationReference(next: PolicyData): RecordReference[] {
  if (next.consultationId === null) return []
  return [
    consultationReference(next.consultationId, (consultation) => {
      const isDecidable =
        consultation.status === 'submitted' &&
        consultation.department === next.issuingDepartment &&
        POLICY_TYPES.includes(consultation.type)
      if (!isDecidable) {
        throw new MutationRejection(
          'consultation_mismatch',
          '只有已提交集体审议的本部门政策类事项可以登记为政策',
        )
      }
      return []
    }),
  ]
}

/**
 * A policy or consultation is addressed to the townships and villages it
 * concerns: each must be a real unit of one of those tiers.
 */
export function concernedUnitReferences(concerns: readonly string[]): RecordReference[] {
  return concerns.map((path) => ({
    type: 'org_unit',
    path,
    tier: ['township', 'village'],
    isAddressee: true,
    code: 'unknown_unit',
    message: '涉及的乡镇或村社不存在，请重新选择',
  }))
}

/**
 * A policy or campaign names its issuing department: the server checks that
 * the path is a department of the county (a township's path has the same
 * depth and would otherwise pass).
 */
export function issuingDepartmentReference(
  mutation: MutationInput,
  { isAddressee = false } = {},
): RecordReference[] {
  const { op, payload } = mutation
  if (op !== 'create' || typeof payload.issuingDepartment !== 'string') return []
  return [
    {
      type: 'org_unit',
      path: payload.issuingDepartment,
      tier: 'department',
      isAddressee,
      code: 'unknown_department',
      message: '所选起草部门不是本县的县级部门',
    },
  ]
}

/**
 * A policy is addressed, by whoever registers it (the county or the
 * department itself), to its issuing department and to the townships and
 * villages it concerns: each must be a real unit of that tier. Its 文号 must
 * be the county's only one. An interpretation given at a discussion day names the day, which must be in
 * the author's sight and list the policy.
 */
const policyReferences: KindReferences<PolicyData> = (mutation, { recordId, next }) => {
  if (mutation.op === 'create') {
    return [
      ...issuingDepartmentReference(mutation, { isAddressee: true }),
      ...concernedUnitReferences(next.concerns),
      {
        // One 文号, one policy in the county (issue #12.10c): a device cannot know every policy.
        type: 'distinct',
        kind: POLICY_KIND,
        id: recordId,
        code: 'duplicate_document_number',
        message: `文号“${next.documentNumber}”已有政策登记，请核对文号，勿重复登记`,
        clashes: (other) => {
          const parsed = policyDataSchema.safeParse(other)
          return (
            parsed.success && isSameDocumentNumber(parsed.data.documentNumber, next.documentNumber)
          )
        },
      },
      ...decidedConsultationReference(next),
    ]
  }
  const meetingId = mutation.op === 'record_interpretation' ? mutation.payload.meetingId : null
  if (typeof meetingId !== 'string') return []
  return [
    recordReference(
      MEETING_KIND,
      meetingDataSchema,
      meetingId,
      { code: 'unknown_meeting', message: '所选议事日不存在或不在您的管辖范围内' },
      (meeting) => {
        if (!meeting.policies.some((ref) => ref.policyId === recordId)) {
          throw new MutationRejection('meeting_mismatch', '这次议事日没有解读该政策')
        }
        return []
      },
    ),
  ]
}

/** The policy kind. */
export const policyKind: RecordKind<PolicyData> = {
  kind: POLICY_KIND,
  schema: policyDataSchema,
  apply(current: PolicyData | null, mutation: MutationInput, actor: Actor): PolicyData {
    const { op, payload } = mutation
    if (op === 'create') {
      return createOnce(current, '该政策已登记，请勿重复提交', () => create(payload, actor))
    }
    if (op !== 'record_interpretation') throw new MutationRejection('unknown_op', '不支持的操作')
    if (!current) throw new MutationRejection('not_found', '该政策不存在或尚未同步')
    return recordInterpretation(current, payload, actor)
  },
  /**
   * The issuing department, and each concerned township or village together
   * with every unit below it (a downward entry, ADR 0004): the stations and
   * grids that interpret it, transcribe its forms and plan discussion days
   * around it must hold it too.
   */
  audience(data: PolicyData): string[] {
    return [data.issuingDepartment, ...data.concerns.map(downwardAudience)]
  },
  attachments(data: PolicyData): string[] {
    return data.attachments
  },
  references: policyReferences,
}
