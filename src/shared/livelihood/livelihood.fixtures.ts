/**
 * Test fixtures: the demo county's people as actors, and an item walked
 * through its lifecycle with the kind itself (so every state is one the
 * kind can reach). For unit tests only.
 */
import type { Actor } from '../sync/record-kind.ts'
import { livelihoodItemKind } from './livelihood.kind.ts'
import type { LivelihoodOp } from './livelihood.machine.ts'
import type { LivelihoodPayload } from './livelihood.payloads.ts'
import type { LivelihoodItemData, LivelihoodProposalInput } from './livelihood.schema.ts'

export const COUNTY = '/demo-county/'
export const T1 = '/demo-county/demo-t1/'
export const V1 = '/demo-county/demo-t1/demo-t1-v1/'
export const DEPT = '/demo-county/demo-dept-3/'

/** An actor of the demo county at `at` (default 2026-11-27, a Friday). */
export function actorAt(
  who: 'cadre' | 'township' | 'county' | 'department' | 'otherTownship',
  at = '2026-11-27T02:00:00.000Z',
): Actor {
  const people: Record<typeof who, Omit<Actor, 'at'>> = {
    cadre: {
      userId: 'u-cadre',
      userName: '柳河村干部',
      role: 'village_cadre',
      orgUnitId: 'demo-t1-v1',
      orgPath: V1,
    },
    township: {
      userId: 'u-t1',
      userName: '柳河镇干事',
      role: 'township_staff',
      orgUnitId: 'demo-t1',
      orgPath: T1,
    },
    county: {
      userId: 'u-county',
      userName: '县政府办',
      role: 'county_staff',
      orgUnitId: 'demo-county',
      orgPath: COUNTY,
    },
    department: {
      userId: 'u-dept',
      userName: '住建局经办人',
      role: 'department_staff',
      orgUnitId: 'demo-dept-3',
      orgPath: DEPT,
    },
    otherTownship: {
      userId: 'u-t2',
      userName: '青石乡干事',
      role: 'township_staff',
      orgUnitId: 'demo-t2',
      orgPath: '/demo-county/demo-t2/',
    },
  }
  return { ...people[who], at }
}

export const PROPOSAL = {
  name: '柳河村通组道路硬化',
  description: '村东三个组的土路雨天泥泞，群众出行难，拟硬化1.2公里。',
  place: '柳河村东片',
  year: 2026,
  sourceIssueIds: ['issue-a', 'issue-b', 'issue-c'],
} satisfies LivelihoodProposalInput

export const PLAN: LivelihoodPayload<'plan'> = {
  responsibleUnit: DEPT,
  estimatedCost: 36.5,
  fundingSource: '县级财政衔接资金',
  plannedStart: '2026-12-01',
  plannedCompletion: '2027-05-31',
  milestones: [
    { name: '完成设计', plannedOn: '2026-12-20' },
    { name: '路基完工', plannedOn: '2027-03-31' },
  ],
}

/** `op` applied to `item` by `actor`. */
export function change<Op extends LivelihoodOp>(
  item: LivelihoodItemData,
  op: Op,
  payload: LivelihoodPayload<Op>,
  actor: Actor,
): LivelihoodItemData {
  return livelihoodItemKind.apply(item, { op, payload: { ...payload }, baseVersion: 1 }, actor)
}

/** A candidate proposed by the village cadre. */
export function proposed(input: LivelihoodProposalInput = PROPOSAL): LivelihoodItemData {
  return livelihoodItemKind.apply(
    null,
    { op: 'create', payload: { ...input }, baseVersion: 0 },
    actorAt('cadre'),
  )
}

/** The candidate planned and submitted by the township. */
export function submitted(): LivelihoodItemData {
  const listed = change(proposed(), 'plan', PLAN, actorAt('township'))
  return change(listed, 'submit', { note: '' }, actorAt('township'))
}

/** The submitted item accepted by the county office. */
export function accepted(): LivelihoodItemData {
  return change(submitted(), 'accept', { note: '纳入2026年县级民生实事计划' }, actorAt('county'))
}
