/**
 * The contact plan as a sync record kind. The county keeps it; it names the
 * deputy's unit and the villages, and so reaches them: the deputy syncs the
 * plan (that is how their phone knows its villages and their grids) and each
 * linked village sees which deputies visit it.
 */
import { isWithin, pathIds } from '../org/org-path.ts'
import {
  MutationRejection,
  type Actor,
  type KindApply,
  type KindReferences,
  type RecordKind,
  type RecordReference,
  parsePayload,
  requireChanges,
  requireRole,
  shapeCheck,
} from '../sync/record-kind.ts'
import {
  DEPUTY_PLAN_KIND,
  deputyPlanCreateSchema,
  deputyPlanDataSchema,
  deputyPlanUpdateSchema,
  type DeputyPlanData,
  type PlanVillage,
} from './deputy.schema.ts'

/** Cheap shape check of a stored plan, for the app's live lists (see `shapeCheck`). */
export const isDeputyPlanData = shapeCheck<DeputyPlanData>({
  string: ['deputyPath'],
  array: ['villages'],
})

function checkPlanner(actor: Actor): void {
  requireRole(actor, 'deputy.plan', '只有县级说事中心可以制定代表委员联系计划')
}

/** Villages sit under the actor's scope, and each grid directly under its village. */
function checkVillages(villages: readonly PlanVillage[], actor: Actor): void {
  for (const village of villages) {
    if (pathIds(village.path).length !== 3 || !isWithin(village.path, actor.orgPath)) {
      throw new MutationRejection('invalid_payload', '联系村社不正确')
    }
    for (const grid of village.grids) {
      const isChild =
        isWithin(grid.path, village.path) &&
        pathIds(grid.path).length === pathIds(village.path).length + 1
      if (!isChild) throw new MutationRejection('invalid_payload', '网格不属于所选村社')
    }
  }
}

/** Pure: the next state of a plan, or a MutationRejection. */
export const applyDeputyPlan: KindApply<DeputyPlanData> = (current, mutation, actor) => {
  const { op, payload } = mutation
  checkPlanner(actor)
  if (op === 'create') {
    if (current) throw new MutationRejection('already_exists', '该联系计划已存在')
    const input = parsePayload(deputyPlanCreateSchema, payload)
    checkVillages(input.villages, actor)
    return { ...input, orgPath: actor.orgPath, createdAt: actor.at, updatedAt: actor.at }
  }
  if (op !== 'update') throw new MutationRejection('unknown_op', '不支持的操作')
  if (!current) throw new MutationRejection('not_found', '该联系计划不存在或尚未同步')
  if (!isWithin(current.orgPath, actor.orgPath)) {
    throw new MutationRejection('out_of_scope', '该联系计划不在您的管辖范围内')
  }
  const changes = parsePayload(deputyPlanUpdateSchema, payload)
  const defined = requireChanges(changes)
  if (changes.villages) checkVillages(changes.villages, actor)
  return { ...current, ...defined, updatedAt: actor.at }
}

/**
 * The deputy's unit must be a unit of tier `deputy` (the plan addresses it),
 * and every village and grid must exist with its tier: the device copies
 * them from the org tree, the server checks they are real.
 */
const planReferences: KindReferences<DeputyPlanData> = (mutation, { next }) => {
  const refusal = { code: 'unknown_unit', message: '所选代表委员或村社不存在，请重新选择' }
  return [
    { type: 'org_unit', path: next.deputyPath, tier: 'deputy', isAddressee: true, ...refusal },
    ...next.villages.flatMap((village): RecordReference[] => [
      { type: 'org_unit', path: village.path, tier: 'village', ...refusal },
      ...village.grids.map((grid): RecordReference => ({
        type: 'org_unit',
        path: grid.path,
        tier: 'grid',
        ...refusal,
      })),
    ]),
  ]
}

/** The contact plan kind. */
export const deputyPlanKind: RecordKind<DeputyPlanData> = {
  kind: DEPUTY_PLAN_KIND,
  schema: deputyPlanDataSchema,
  apply: applyDeputyPlan,
  audience: (data) => [data.orgPath, data.deputyPath, ...data.villages.map((v) => v.path)],
  references: planReferences,
}
