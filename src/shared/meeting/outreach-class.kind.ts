/**
 * A touring class (巡讲课堂) as a sync record kind. Whoever runs outreach in
 * a unit (the village cadre, township or county staff, a mediator who signs
 * in) records it afterwards, offline too; its home is the village where it
 * was held, which must lie in the author's scope. The mediators named must
 * be pool members the author sees, so a class cannot add to the
 * participation of someone the author does not know.
 */
import { chinaDate } from '../calendar/working-days.ts'
import { isWithin } from '../org/org-path.ts'
import {
  createOnce,
  MutationRejection,
  type Actor,
  type KindApply,
  type KindReferences,
  type RecordKind,
  type RecordReference,
  parsePayload,
  recordReference,
  requireRole,
  shapeCheck,
} from '../sync/record-kind.ts'
import { MEDIATOR_KIND } from './mediator.kind.ts'
import { mediatorDataSchema } from './mediator.schema.ts'
import {
  TOURING_CLASS_KIND,
  touringClassCreateSchema,
  touringClassDataSchema,
  type OutreachMediator,
  type TouringClassData,
} from './outreach.schema.ts'

/** Cheap shape check of a stored touring class, for the app's live lists (see `shapeCheck`). */
export const isTouringClassData = shapeCheck<TouringClassData>({ string: ['heldOn', 'topic'] })

/** Refuses a role without outreach, or a home outside the actor's scope. */
export function checkOutreach(actor: Actor, home: string): void {
  requireRole(actor, 'outreach.record', '您的角色无权记录解事员巡讲和工作室活动')
  if (!isWithin(home, actor.orgPath)) {
    throw new MutationRejection('out_of_scope', '只能记录本单位及下级的活动')
  }
}

/** Refuses a date after the actor's today (China time). */
export function checkNotFuture(date: string, actor: Actor, message: string): void {
  if (date > chinaDate(actor.at)) throw new MutationRejection('invalid_payload', message)
}

/** Pure: the next state of a touring class, or a MutationRejection. Classes are recorded once. */
export const applyTouringClass: KindApply<TouringClassData> = (current, mutation, actor) => {
  if (mutation.op !== 'create') throw new MutationRejection('unknown_op', '不支持的操作')
  return createOnce(current, '该巡讲课堂已记录，请勿重复提交', () => {
    const input = parsePayload(touringClassCreateSchema, mutation.payload)
    checkOutreach(actor, input.villagePath)
    checkNotFuture(input.heldOn, actor, '巡讲日期不能晚于今天')
    return { ...input, recordedBy: actor.userName, createdAt: actor.at }
  })
}

/** Each mediator named must be a pool member the author sees, under the name shown. */
export function mediatorReferences(mediators: readonly OutreachMediator[]): RecordReference[] {
  const refusal = { code: 'unknown_mediator', message: '所选解事员不在人才库中，请重新选择' }
  return mediators.map((mediator) =>
    recordReference(MEDIATOR_KIND, mediatorDataSchema, mediator.id, refusal, (member) => {
      if (member.name !== mediator.name) throw new MutationRejection(refusal.code, refusal.message)
      return []
    }),
  )
}

const classReferences: KindReferences<TouringClassData> = (mutation, { next }) => {
  return [
    {
      type: 'org_unit',
      path: next.villagePath,
      tier: 'village',
      code: 'unknown_unit',
      message: '所选村社不存在，请重新选择',
    },
    ...mediatorReferences(next.mediators),
  ]
}

/** The touring class kind. */
export const touringClassKind: RecordKind<TouringClassData> = {
  kind: TOURING_CLASS_KIND,
  schema: touringClassDataSchema,
  apply: applyTouringClass,
  audience: (data) => [data.villagePath],
  attachments: (data) => data.photos,
  references: classReferences,
}
