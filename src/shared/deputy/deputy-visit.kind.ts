/**
 * A deputy's visit to a linked village as a sync record kind. The deputy
 * records it on the phone, offline too; the server checks through the plan
 * that the village is one of theirs. Each opinion may later name the issue
 * report it became (`link_issue`), which is how the deputy's list follows it.
 */
import { chinaDate } from '../calendar/working-days.ts'
import {
  MutationRejection,
  type Actor,
  type KindApply,
  type KindReferences,
  type RecordKind,
  parsePayload,
  recordReference,
  requireRole,
  shapeCheck,
} from '../sync/record-kind.ts'
import {
  DEPUTY_PLAN_KIND,
  DEPUTY_VISIT_KIND,
  deputyPlanDataSchema,
  deputyVisitCreateSchema,
  deputyVisitDataSchema,
  linkIssueSchema,
  type DeputyVisitData,
} from './deputy.schema.ts'

/** Cheap shape check of a stored visit, for the app's live lists (see `shapeCheck`). */
export const isDeputyVisitData = shapeCheck<DeputyVisitData>({
  string: ['visitedOn'],
  array: ['opinions'],
})

function checkDeputy(actor: Actor): void {
  requireRole(actor, 'deputy.visit', '只有代表委员可以记录走访')
}

/** Pure: the next state of a visit, or a MutationRejection. */
export const applyDeputyVisit: KindApply<DeputyVisitData> = (current, mutation, actor) => {
  const { op, payload } = mutation
  checkDeputy(actor)
  if (op === 'create') {
    if (current) throw new MutationRejection('already_exists', '该走访记录已保存，请勿重复提交')
    const input = parsePayload(deputyVisitCreateSchema, payload)
    if (input.visitedOn > chinaDate(actor.at)) {
      throw new MutationRejection('invalid_payload', '走访日期不能晚于今天')
    }
    return {
      ...input,
      deputyPath: actor.orgPath,
      deputyName: actor.userName,
      opinions: input.opinions.map((text, index) => ({
        id: String(index + 1),
        text,
        issueId: null,
      })),
      createdAt: actor.at,
    }
  }
  if (op !== 'link_issue') throw new MutationRejection('unknown_op', '不支持的操作')
  if (!current) throw new MutationRejection('not_found', '该走访记录不存在或尚未同步')
  if (current.deputyPath !== actor.orgPath) {
    throw new MutationRejection('out_of_scope', '只能处理本人的走访记录')
  }
  const { opinionId, issueId } = parsePayload(linkIssueSchema, payload)
  const opinion = current.opinions.find((entry) => entry.id === opinionId)
  if (!opinion) throw new MutationRejection('invalid_payload', '该意见不存在')
  if (opinion.issueId === issueId) return current
  if (opinion.issueId !== null) {
    throw new MutationRejection('already_raised', '该意见已转为说事，请勿重复转交')
  }
  return {
    ...current,
    opinions: current.opinions.map((entry) =>
      entry.id === opinionId ? { ...entry, issueId } : entry,
    ),
  }
}

/** A new visit names its plan: the plan must be the author's and link the village. */
const visitReferences: KindReferences<DeputyVisitData> = (mutation, { next, actor }) => {
  if (mutation.op !== 'create') return []
  return [
    recordReference(
      DEPUTY_PLAN_KIND,
      deputyPlanDataSchema,
      next.planId,
      { code: 'unknown_plan', message: '联系计划不存在或不属于您' },
      (plan) => {
        if (plan.deputyPath !== actor.orgPath) {
          throw new MutationRejection('unknown_plan', '联系计划不存在或不属于您')
        }
        const village = plan.villages.find((entry) => entry.path === next.villagePath)
        if (!village || village.name !== next.villageName) {
          throw new MutationRejection('not_linked', '该村社不在您的联系范围内')
        }
        return [next.villagePath]
      },
    ),
  ]
}

/** The deputy visit kind. */
export const deputyVisitKind: RecordKind<DeputyVisitData> = {
  kind: DEPUTY_VISIT_KIND,
  schema: deputyVisitDataSchema,
  apply: applyDeputyVisit,
  audience: (data) => [data.deputyPath, data.villagePath],
  references: visitReferences,
}
