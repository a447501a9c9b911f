/**
 * A pool member as a sync record kind. The pool reaches down the tree: a
 * village plans with members of its own village, its township and the county,
 * so each member's audience carries the downward mark of its unit (see
 * `downwardAudience`). Only units at or above the member's level manage it.
 */
import { downwardAudience, isWithin } from '../org/org-path.ts'
import {
  createOnce,
  MutationRejection,
  type Actor,
  type KindApply,
  type RecordKind,
  parsePayload,
  shapeCheck,
  requireChanges,
  requireRole,
} from '../sync/record-kind.ts'
import {
  levelOfPath,
  mediatorAssessmentSchema,
  mediatorCreateSchema,
  mediatorDataSchema,
  mediatorHonourSchema,
  mediatorTrainingSchema,
  mediatorUpdateSchema,
  type MediatorData,
} from './mediator.schema.ts'
import { z } from 'zod'

/** The record kind's name in the sync protocol. */
export const MEDIATOR_KIND = 'mediator'

/** Cheap shape check of a stored pool member, for the app's live lists (see `shapeCheck`). */
export const isMediatorData = shapeCheck<MediatorData>({
  string: ['name', 'level'],
  array: ['expertise'],
})

/** The operations on a pool member besides 'create'. */
export const MEDIATOR_OPS = [
  'update',
  'add_training',
  'add_assessment',
  'add_honour',
  'retire',
  'reinstate',
] as const

function checkManager(actor: Actor, home: string): void {
  requireRole(actor, 'mediator.manage', '您的角色无权管理解事员人才库')
  if (!isWithin(home, actor.orgPath)) {
    throw new MutationRejection('out_of_scope', '只能管理本单位及下级的解事员')
  }
}

function create(payload: Record<string, unknown>, actor: Actor): MediatorData {
  const input = parsePayload(mediatorCreateSchema, payload)
  checkManager(actor, input.orgPath)
  const level = levelOfPath(input.orgPath)
  if (!level) throw new MutationRejection('invalid_payload', '解事员应属于县、乡镇或村社一级')
  return {
    ...input,
    level,
    isActive: true,
    trainings: [],
    assessments: [],
    honours: [],
    createdAt: actor.at,
    updatedAt: actor.at,
  }
}

const retireSchema = z.object({})

/** Pure: the next state of a pool member, or a MutationRejection. */
export const applyMediator: KindApply<MediatorData> = (current, mutation, actor) => {
  const { op, payload } = mutation
  if (op === 'create') {
    return createOnce(current, '该解事员已在人才库中', () => create(payload, actor))
  }
  if (!current) throw new MutationRejection('not_found', '该解事员不存在或尚未同步')
  checkManager(actor, current.orgPath)
  const touched = { ...current, updatedAt: actor.at }
  switch (op) {
    case 'update': {
      const changes = parsePayload(mediatorUpdateSchema, payload)
      return { ...touched, ...requireChanges(changes) }
    }
    case 'add_training':
      return {
        ...touched,
        trainings: [...current.trainings, parsePayload(mediatorTrainingSchema, payload)],
      }
    case 'add_assessment': {
      const assessment = parsePayload(mediatorAssessmentSchema, payload)
      if (current.assessments.some((entry) => entry.year === assessment.year)) {
        throw new MutationRejection('conflict', `${assessment.year}年度已有考评结果`)
      }
      return { ...touched, assessments: [...current.assessments, assessment] }
    }
    case 'add_honour':
      return {
        ...touched,
        honours: [...current.honours, parsePayload(mediatorHonourSchema, payload)],
      }
    case 'retire':
    case 'reinstate':
      parsePayload(retireSchema, payload)
      return { ...touched, isActive: op === 'reinstate' }
    default:
      throw new MutationRejection('unknown_op', '不支持的操作')
  }
}

/** The mediator pool member kind. */
export const mediatorKind: RecordKind<MediatorData> = {
  kind: MEDIATOR_KIND,
  schema: mediatorDataSchema,
  apply: applyMediator,
  audience: (data) => [data.orgPath, downwardAudience(data.orgPath)],
}
