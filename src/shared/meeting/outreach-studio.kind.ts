/**
 * A mediator's studio (解事员工作室) as a sync record kind: a unit that keeps
 * the pool (village, township, county) opens it in a mediator's name with
 * its members; whoever runs outreach there records its sessions, and each
 * session keeps the roster of that day so a later change of members does
 * not rewrite who took part.
 */
import { isWithin } from '../org/org-path.ts'
import {
  createOnce,
  MutationRejection,
  type Actor,
  type KindApply,
  type KindReferences,
  type RecordKind,
  parsePayload,
  requireRole,
  shapeCheck,
} from '../sync/record-kind.ts'
import { checkNotFuture, checkOutreach, mediatorReferences } from './outreach-class.kind.ts'
import {
  MAX_OUTREACH_MEDIATORS,
  STUDIO_KIND,
  studioCreateSchema,
  studioDataSchema,
  studioMembersSchema,
  studioSessionInputSchema,
  type OutreachMediator,
  type StudioData,
} from './outreach.schema.ts'

/** Cheap shape check of a stored studio, for the app's live lists (see `shapeCheck`). */
export const isStudioData = shapeCheck<StudioData>({ string: ['name'], array: ['sessions'] })

/** Most sessions one studio record keeps (a session a working day for years). */
export const MAX_STUDIO_SESSIONS = 1000

function checkKeeper(actor: Actor, home: string): void {
  requireRole(actor, 'mediator.manage', '只有管理解事员人才库的单位可以设立或调整工作室')
  if (!isWithin(home, actor.orgPath)) {
    throw new MutationRejection('out_of_scope', '只能管理本单位及下级的工作室')
  }
}

function checkRoster(leader: OutreachMediator, members: readonly OutreachMediator[]): void {
  if (members.some((member) => member.id === leader.id)) {
    throw new MutationRejection('invalid_payload', '领办人无需重复列为成员')
  }
}

/** Pure: the next state of a studio, or a MutationRejection. */
export const applyStudio: KindApply<StudioData> = (current, mutation, actor) => {
  const { op, payload } = mutation
  if (op === 'create') {
    return createOnce(current, '该工作室已存在', () => {
      const input = parsePayload(studioCreateSchema, payload)
      checkKeeper(actor, input.orgPath)
      checkRoster(input.leader, input.members)
      return { ...input, sessions: [], createdAt: actor.at, updatedAt: actor.at }
    })
  }
  if (!current) throw new MutationRejection('not_found', '该工作室不存在或尚未同步')
  switch (op) {
    case 'add_session': {
      checkOutreach(actor, current.orgPath)
      const session = parsePayload(studioSessionInputSchema, payload)
      checkNotFuture(session.heldOn, actor, '活动日期不能晚于今天')
      if (current.sessions.length >= MAX_STUDIO_SESSIONS) {
        throw new MutationRejection('invalid_payload', '该工作室的活动记录已满')
      }
      const mediatorIds = [current.leader.id, ...current.members.map((member) => member.id)]
      return {
        ...current,
        sessions: [...current.sessions, { ...session, mediatorIds, recordedAt: actor.at }],
        updatedAt: actor.at,
      }
    }
    case 'set_members': {
      checkKeeper(actor, current.orgPath)
      const { members } = parsePayload(studioMembersSchema, payload)
      checkRoster(current.leader, members)
      return { ...current, members, updatedAt: actor.at }
    }
    default:
      throw new MutationRejection('unknown_op', '不支持的操作')
  }
}

const studioReferences: KindReferences<StudioData> = (mutation, { next }) => {
  if (mutation.op === 'add_session') return []
  const named = mutation.op === 'create' ? [next.leader, ...next.members] : next.members
  return [
    ...(mutation.op === 'create'
      ? [
          {
            type: 'org_unit' as const,
            path: next.orgPath,
            tier: ['county', 'township', 'village'] as const,
            code: 'unknown_unit',
            message: '工作室应设在县、乡镇或村社',
          },
        ]
      : []),
    ...mediatorReferences(named.slice(0, MAX_OUTREACH_MEDIATORS + 1)),
  ]
}

/** The studio kind. */
export const studioKind: RecordKind<StudioData> = {
  kind: STUDIO_KIND,
  schema: studioDataSchema,
  apply: applyStudio,
  audience: (data) => [data.orgPath],
  references: studioReferences,
}
