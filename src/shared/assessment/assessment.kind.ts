/**
 * The assessment record kinds: the campaign, the form and the post-evaluation
 * case. Forms are written once and never edited (评议结果要如实记录); a form
 * entered by mistake is withdrawn with a reason and stays in the ledger.
 * Rules that need another record are declared as references, which the
 * server loads and checks: a form's campaign (its department and village),
 * a campaign's policy, a post-evaluation's campaign. The public ballot route
 * also checks the campaign is open (docs/assessment.md).
 */
import { can } from '../auth/permissions.ts'
import { downwardAudience, isWithin, pathIds } from '../org/org-path.ts'
import { issuingDepartmentReference, POLICY_KIND } from '../policy/policy.kind.ts'
import { policyDataSchema } from '../policy/policy.schema.ts'
import { isCampaignForm } from './assessment.results.ts'
import {
  createOnce,
  MutationRejection,
  recordReference,
  type Actor,
  type KindApply,
  type KindReferences,
  type RecordKind,
  parsePayload,
  shapeCheck,
  requireRole,
} from '../sync/record-kind.ts'
import { z } from 'zod'
import { text } from '../common/text.schema.ts'
import {
  campaignCreateSchema,
  campaignDataSchema,
  conclusionInputSchema,
  DEFAULT_TRIGGER_RULE,
  formCreateSchema,
  formDataSchema,
  postEvaluationDataSchema,
  type CampaignData,
  type FormData,
  type PostEvaluationData,
} from './assessment.schema.ts'

export const CAMPAIGN_KIND = 'assessment_campaign'
export const FORM_KIND = 'assessment_form'
export const POST_EVALUATION_KIND = 'post_evaluation'

/** Cheap shape check of a stored campaign, for the app's live lists (see `shapeCheck`). */
export const isCampaignData = shapeCheck<CampaignData>({
  string: ['policyId'],
  array: ['villages'],
  present: ['rule'],
})

/** Cheap shape check of a stored assessment, for the app's live lists (see `shapeCheck`). */
export const isFormData = shapeCheck<FormData>({ string: ['campaignId'], object: ['scores'] })

/** Cheap shape check of a stored post-evaluation case, for the app's live lists (see `shapeCheck`). */
export const isPostEvaluationData = shapeCheck<PostEvaluationData>({
  string: ['campaignId'],
  object: ['finding'],
})

/**
 * The server's own actors. Their ids cannot be a user's (user ids have no
 * colon) and a device cannot claim them: the actor comes from the session.
 */
export const PUBLIC_BALLOT_ACTOR_ID = 'system:public-ballot'
export const POST_EVALUATION_ACTOR_ID = 'system:post-evaluation'

const VILLAGE_DEPTH = 3

function unknownOp(): never {
  throw new MutationRejection('unknown_op', '不支持的操作')
}

const applyCampaign: KindApply<CampaignData> = (current, mutation, actor) => {
  const { op, payload } = mutation
  if (op === 'create') {
    if (current) throw new MutationRejection('already_exists', '该评议已开启，请勿重复提交')
    requireRole(actor, 'policy.manage', '只有县说事中心或起草部门可以开启评议')
    const input = parsePayload(campaignCreateSchema, payload)
    if (actor.role === 'department_staff' && input.issuingDepartment !== actor.orgPath) {
      throw new MutationRejection('out_of_scope', '只能对本部门起草的政策开启评议')
    }
    if (input.rule && actor.role !== 'county_staff') {
      throw new MutationRejection('forbidden_role', '后评估启动规则由县说事中心设定')
    }
    if (input.villages.some((path) => pathIds(path).length !== VILLAGE_DEPTH)) {
      throw new MutationRejection('invalid_payload', '请选择村社')
    }
    const isVillageGrid = (grid: string) =>
      pathIds(grid).length === VILLAGE_DEPTH + 1 &&
      input.villages.some((village) => isWithin(grid, village))
    if (!input.grids.every(isVillageGrid)) {
      throw new MutationRejection('invalid_payload', '网格须属于参加评议的村社')
    }
    return {
      ...input,
      villages: [...new Set(input.villages)],
      grids: [...new Set(input.grids)],
      rule: input.rule ?? DEFAULT_TRIGGER_RULE,
      status: 'open',
      openedBy: actor.userId,
      openedByName: actor.userName,
      openedAt: actor.at,
      closedAt: null,
    }
  }
  if (op !== 'close') unknownOp()
  if (!current) throw new MutationRejection('not_found', '该评议不存在或尚未同步')
  requireRole(actor, 'policy.manage', '只有县说事中心或起草部门可以结束评议')
  if (current.status === 'closed') throw new MutationRejection('invalid_transition', '该评议已结束')
  return { ...current, status: 'closed', closedAt: actor.at }
}

/**
 * A campaign is of a policy: the server loads it, and the campaign's
 * department, title and number must be the policy's, its villages and grids
 * among those the policy concerns — so a campaign reaches no one the policy
 * does not already reach.
 */
const campaignReferences: KindReferences<CampaignData> = (mutation, { next }) => {
  if (mutation.op !== 'create') return []
  return [
    ...issuingDepartmentReference(mutation),
    recordReference(
      POLICY_KIND,
      policyDataSchema,
      next.policyId,
      { code: 'unknown_policy', message: '该政策不存在或不在您的管辖范围内' },
      (policy) => {
        if (
          policy.issuingDepartment !== next.issuingDepartment ||
          policy.title !== next.policyTitle ||
          policy.documentNumber !== next.documentNumber
        ) {
          throw new MutationRejection(
            'campaign_mismatch',
            '评议的政策名称、文号或起草部门与政策登记不符',
          )
        }
        const places = [...next.villages, ...next.grids]
        if (!places.every((path) => policy.concerns.some((concern) => isWithin(path, concern)))) {
          throw new MutationRejection('campaign_mismatch', '参加评议的村社须在政策涉及的范围内')
        }
        return [policy.issuingDepartment, ...places]
      },
    ),
  ]
}

/** The campaign kind: opened by the county or the issuing department, closed by them. */
export const campaignKind: RecordKind<CampaignData> = {
  kind: CAMPAIGN_KIND,
  schema: campaignDataSchema,
  apply: applyCampaign,
  audience: (data) => [data.issuingDepartment, ...data.villages, ...data.grids],
  references: campaignReferences,
}

/**
 * A form is of a campaign, which the server loads: the form's department
 * (which decides who reads its free text) must be the campaign's, and its
 * village one of the campaign's villages.
 */
const formReferences: KindReferences<FormData> = (mutation, { next }) => {
  if (mutation.op !== 'create') return []
  return [
    recordReference(
      CAMPAIGN_KIND,
      campaignDataSchema,
      next.campaignId,
      { code: 'unknown_campaign', message: '该评议不存在或不在您的管辖范围内' },
      (campaign) => {
        if (!isCampaignForm(next, campaign)) {
          throw new MutationRejection('campaign_mismatch', '评议表的起草部门或村社与所属评议不符')
        }
        return [campaign.issuingDepartment]
      },
    ),
  ]
}

const withdrawSchema = z.object({
  reason: text({
    max: 500,
    missing: '请填写撤回理由',
    tooLong: '理由不超过500字',
    multiline: true,
  }),
})

function createForm(payload: Record<string, unknown>, actor: Actor): FormData {
  const input = parsePayload(formCreateSchema, payload)
  if (input.channel === 'self_service') {
    // Only the public ballot route writes self-service forms, after consuming a code.
    if (actor.userId !== PUBLIC_BALLOT_ACTOR_ID) {
      throw new MutationRejection('forbidden_role', '群众自助评议须通过评议码提交')
    }
  } else {
    requireRole(actor, 'assessment.record', '只有网格员或村社干部可以录入评议表')
    // A grid worker or cadre transcribes the forms of their own village.
    const isOwnVillage =
      isWithin(actor.orgPath, input.villagePath) || isWithin(input.villagePath, actor.orgPath)
    if (!isOwnVillage) throw new MutationRejection('out_of_scope', '只能录入本村社的评议表')
  }
  if (pathIds(input.villagePath).length !== VILLAGE_DEPTH) {
    throw new MutationRejection('invalid_payload', '请选择所在村社')
  }
  return {
    ...input,
    // Born in the recorder's own unit (a grid worker's grid), which the sync
    // engine requires; self-service forms are born in their village.
    unitPath: input.channel === 'self_service' ? input.villagePath : actor.orgPath,
    status: 'submitted',
    submittedAt: actor.at,
    recordedBy: actor.userId,
    recordedByName: actor.userName,
    withdrawal: null,
  }
}

function withdrawForm(current: FormData, payload: Record<string, unknown>, actor: Actor): FormData {
  if (current.status === 'withdrawn') {
    throw new MutationRejection('invalid_transition', '该评议表已撤回')
  }
  const mayWithdraw =
    actor.userId === current.recordedBy ||
    actor.role === 'county_staff' ||
    (actor.role === 'village_cadre' && isWithin(current.villagePath, actor.orgPath))
  if (!mayWithdraw) {
    throw new MutationRejection(
      'forbidden_role',
      '只有录入人、本村社干部或县说事中心可以撤回评议表',
    )
  }
  const { reason } = parsePayload(withdrawSchema, payload)
  return {
    ...current,
    status: 'withdrawn',
    withdrawal: { reason, by: actor.userId, byName: actor.userName, at: actor.at },
  }
}

/** The form kind: created once, never edited, withdrawn with a reason. */
export const formKind: RecordKind<FormData> = {
  kind: FORM_KIND,
  schema: formDataSchema,
  apply(current, mutation, actor) {
    const { op, payload } = mutation
    if (op === 'create') {
      return createOnce(current, '该评议表已提交，请勿重复提交', () => createForm(payload, actor))
    }
    if (op !== 'withdraw') {
      throw new MutationRejection('immutable', '评议表提交后不能修改，如有错误请撤回后重新录入')
    }
    if (!current) throw new MutationRejection('not_found', '该评议表不存在或尚未同步')
    return withdrawForm(current, payload, actor)
  },
  audience: (data) => [data.unitPath, data.issuingDepartment],
  references: formReferences,
}

/** The post-evaluation kind: opened by the server's trigger, concluded by the issuing department. */
export const postEvaluationKind: RecordKind<PostEvaluationData> = {
  kind: POST_EVALUATION_KIND,
  schema: postEvaluationDataSchema,
  apply(current, mutation, actor) {
    const { op, payload } = mutation
    if (op === 'create') {
      if (current) throw new MutationRejection('already_exists', '该政策的后评估已启动')
      if (actor.userId !== POST_EVALUATION_ACTOR_ID) {
        throw new MutationRejection('forbidden_role', '后评估由评议结果自动启动')
      }
      return parsePayload(postEvaluationDataSchema, {
        ...payload,
        openedAt: actor.at,
        status: 'open',
        conclusion: null,
      })
    }
    if (op !== 'conclude') unknownOp()
    if (!current) throw new MutationRejection('not_found', '该后评估不存在或尚未同步')
    if (
      !can(actor.role, 'post_evaluation.conclude') ||
      actor.orgPath !== current.issuingDepartment
    ) {
      throw new MutationRejection('forbidden_role', '只有起草部门可以作出后评估结论')
    }
    if (current.status === 'concluded') {
      throw new MutationRejection('invalid_transition', '该后评估已作出结论')
    }
    const input = parsePayload(conclusionInputSchema, payload)
    return {
      ...current,
      status: 'concluded',
      conclusion: { ...input, by: actor.userId, byName: actor.userName, at: actor.at },
    }
  },
  // The stations of the campaign, and their grids, see the conclusion.
  audience: (data) => [data.issuingDepartment, ...data.villages.map(downwardAudience)],
  // Opened from its campaign (same id): department and villages are the campaign's.
  references(mutation, { recordId, next }) {
    if (mutation.op !== 'create') return []
    return [
      recordReference(
        CAMPAIGN_KIND,
        campaignDataSchema,
        recordId,
        { code: 'unknown_campaign', message: '该评议不存在或不在您的管辖范围内' },
        (campaign) => {
          const isSame =
            next.campaignId === recordId &&
            next.policyId === campaign.policyId &&
            next.issuingDepartment === campaign.issuingDepartment &&
            next.villages.every((village) => campaign.villages.includes(village))
          if (!isSame) throw new MutationRejection('campaign_mismatch', '后评估与所属评议不符')
          return [campaign.issuingDepartment, ...campaign.villages]
        },
      ),
    ]
  },
}
