/**
 * The livelihood item's lifecycle: which change may be made from which
 * status, by whom, and where it leads. One table that the kind's `apply`
 * enforces and the screens read to offer only what a person may do.
 */
import { can, type Permission } from '../auth/permissions.ts'
import type { Role } from '../auth/roles.ts'
import {
  LIVELIHOOD_OPS,
  type LivelihoodItemData,
  type LivelihoodStatus,
} from './livelihood.schema.ts'

export { LIVELIHOOD_OPS }
/** A change of an existing item. */
export type LivelihoodOp = (typeof LIVELIHOOD_OPS)[number]

/** Who is asking (the author of a change, or a viewer deciding what to offer). */
export interface LivelihoodActor {
  role: Role
  orgPath: string
}

/** Which units may make a change: the item's township, its proposing village, the county office, its responsible unit. */
type Party = 'township' | 'village' | 'county' | 'responsible'

interface Transition {
  from: readonly LivelihoodStatus[]
  /** The status after the change; `null` keeps the current one. */
  to: LivelihoodStatus | null
  /** Each party that may make it, with the permission it needs. */
  by: Partial<Record<Party, Permission>>
}

const OPEN_BEFORE_SUBMISSION: readonly LivelihoodStatus[] = ['candidate', 'listed', 'returned']
const IMPLEMENTING: readonly LivelihoodStatus[] = ['accepted', 'in_progress']

/**
 * The lifecycle. A returned item goes back to the township, which plans it
 * again (→ listed) and submits it again, or cancels it. A merge is made by
 * the county office as two changes in one push: `merge` on the item that
 * joins, then `absorb` on the item it joins (which takes over its reports).
 */
export const LIVELIHOOD_TRANSITIONS: Readonly<Record<LivelihoodOp, Transition>> = {
  edit: {
    from: OPEN_BEFORE_SUBMISSION,
    to: null,
    by: { township: 'livelihood.list', village: 'livelihood.propose' },
  },
  plan: { from: OPEN_BEFORE_SUBMISSION, to: 'listed', by: { township: 'livelihood.list' } },
  submit: { from: ['listed'], to: 'submitted', by: { township: 'livelihood.list' } },
  accept: { from: ['submitted'], to: 'accepted', by: { county: 'livelihood.decide' } },
  merge: { from: ['submitted', 'accepted'], to: 'merged', by: { county: 'livelihood.decide' } },
  absorb: {
    from: ['submitted', 'accepted', 'in_progress'],
    to: null,
    by: { county: 'livelihood.decide' },
  },
  return: { from: ['submitted'], to: 'returned', by: { county: 'livelihood.decide' } },
  rank: {
    from: OPEN_BEFORE_SUBMISSION,
    to: null,
    by: { village: 'livelihood.propose', township: 'livelihood.list' },
  },
  progress: { from: IMPLEMENTING, to: 'in_progress', by: { responsible: 'livelihood.implement' } },
  milestone: { from: IMPLEMENTING, to: null, by: { responsible: 'livelihood.implement' } },
  delay: { from: IMPLEMENTING, to: null, by: { responsible: 'livelihood.implement' } },
  complete: { from: IMPLEMENTING, to: 'completed', by: { responsible: 'livelihood.implement' } },
  cancel: {
    from: [...OPEN_BEFORE_SUBMISSION, 'submitted', 'accepted', 'in_progress'],
    to: 'cancelled',
    by: { township: 'livelihood.list', village: 'livelihood.propose', county: 'livelihood.decide' },
  },
}

/** Statuses in which each party may cancel: the proposers before submission, the county after. */
const CANCEL_STATUSES: Readonly<Partial<Record<Party, readonly LivelihoodStatus[]>>> = {
  village: ['candidate'],
  township: OPEN_BEFORE_SUBMISSION,
  county: ['submitted', 'accepted', 'in_progress'],
}

/** The parties `actor` is for this item (their unit's relation to it). */
function partiesOf(data: LivelihoodItemData, actor: LivelihoodActor): Party[] {
  const parties: Party[] = []
  if (actor.orgPath === data.township) parties.push('township')
  if (data.village !== null && actor.orgPath === data.village) parties.push('village')
  if (actor.role === 'county_staff') parties.push('county')
  if (data.plan !== null && actor.orgPath === data.plan.responsibleUnit) parties.push('responsible')
  return parties
}

/** Why a change may not be made now, in Chinese; null when it may. */
export function livelihoodRefusal(
  data: LivelihoodItemData,
  op: LivelihoodOp,
  actor: LivelihoodActor,
): { code: string; message: string } | null {
  const transition = LIVELIHOOD_TRANSITIONS[op]
  if (!transition.from.includes(data.status)) {
    return { code: 'invalid_transition', message: '该民生实事当前状态下不能进行此操作' }
  }
  const allowed = partiesOf(data, actor).some((party) => {
    const permission = transition.by[party]
    if (!permission || !can(actor.role, permission)) return false
    if (op === 'cancel') return CANCEL_STATUSES[party]?.includes(data.status) ?? false
    // A village edits its own proposal only until the township lists it.
    if (op === 'edit' && party === 'village') return data.status === 'candidate'
    return true
  })
  return allowed
    ? null
    : { code: 'forbidden_role', message: '您的单位或角色不能对该民生实事进行此操作' }
}

/** The changes `actor` may make to the item now (the screens offer these). */
export function availableLivelihoodOps(
  data: LivelihoodItemData,
  actor: LivelihoodActor,
): LivelihoodOp[] {
  // `absorb` is never offered on its own: it is the second half of a merge.
  return LIVELIHOOD_OPS.filter(
    (op) => op !== 'absorb' && livelihoodRefusal(data, op, actor) === null,
  )
}

/** The status after `op` from `status`. */
export function statusAfter(op: LivelihoodOp, status: LivelihoodStatus): LivelihoodStatus {
  return LIVELIHOOD_TRANSITIONS[op].to ?? status
}
