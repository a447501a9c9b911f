/**
 * What the issue property tests share: the demo actors, well-formed payloads
 * for every action, the random steps and starts, and how one step is tried
 * on a matter. Each property file tests one concern with these.
 */
import fc from 'fast-check'
import { MutationRejection, type Actor } from '../sync/record-kind.ts'
import { DEMO_ACTORS, DEMO_PATHS, actingAt, sampleCreatePayload } from './issue.fixtures.ts'
import { issueKind } from './issue.kind.ts'
import { availableActions, transition } from './issue.machine.ts'
import { ISSUE_ACTIONS, type IssueAction, type IssueData } from './issue.schema.ts'

export const ACTORS: readonly Actor[] = Object.values(DEMO_ACTORS)
export const CHINESE = /[\u4e00-\u9fa5]/
/** Refusals that say "not you, not here, not now". */
export const AUTHORITY_CODES = [
  'invalid_transition',
  'forbidden_role',
  'out_of_scope',
  'unknown_action',
]

/** Well-formed payloads for each action (some still break a domain rule, e.g. a foreign department). */
export const VALID_PAYLOADS: Readonly<Record<IssueAction, readonly Record<string, unknown>[]>> = {
  accept: [{}, { note: '已受理，三日内上门核实' }],
  set_discussable: [
    { verdict: 'discussable', reason: '属村民自治范围' },
    { verdict: 'not_discussable', reason: '法律已有明文规定' },
  ],
  set_private: [
    { isPrivate: true, reason: '当事人要求保密' },
    { isPrivate: false, reason: '已征得同意公开' },
  ],
  agree: [{ agreement: '议定由村集体出资修复', meetingId: 'meeting-1' }],
  resolve_locally: [{ resolution: '院落长已协调双方达成一致' }],
  schedule_meeting: [{ meetingId: 'meeting-1', meetingDate: '2025-10-20' }],
  escalate: [{ reason: '村内协商未果，需镇里协调' }],
  return_to_village: [{ reason: '属村内事务，请村里议事' }],
  resolve_by_township: [{ resolution: '镇司法所已调解结案' }],
  dispatch: [
    { department: DEMO_PATHS.department },
    { department: DEMO_PATHS.otherDepartment },
    { department: DEMO_PATHS.township },
  ],
  return_to_township: [{ reason: '不属本部门职责' }],
  reply: [{ reply: '已按政策核发补贴' }],
  feedback: [
    { satisfaction: 'satisfied' },
    { satisfaction: 'basically_satisfied', comment: '还行' },
    { satisfaction: 'dissatisfied', comment: '问题没有解决' },
  ],
  withdraw: [{ reason: '群众撤回' }],
  merge: [{ into: 'issue-0001' }],
}

export interface Step {
  /** Take one of the actions somebody may take now (drives the matter forward) or anything at all. */
  isGuided: boolean
  pick: number
  actor: Actor
  action: string
  payload: Record<string, unknown>
  hoursLater: number
}

export const anyPayload = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...Object.values(VALID_PAYLOADS).flat()) },
  { weight: 1, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.constantFrom('reason', 'reply', 'resolution', 'satisfaction'),
      fc.string(),
    ),
  },
)

export const stepArb: fc.Arbitrary<Step> = fc.record({
  isGuided: fc.nat({ max: 3 }).map((n) => n > 0),
  pick: fc.nat(),
  actor: fc.constantFrom(...ACTORS),
  action: fc.constantFrom<string>(...ISSUE_ACTIONS, 'approve', 'close'),
  payload: anyPayload,
  hoursLater: fc.integer({ min: 1, max: 24 * 20 }),
})

export const startArb = fc.record({
  isPrivate: fc.boolean(),
  verdict: fc.constantFrom('discussable', 'not_discussable', 'unknown'),
  startAt: fc.constantFrom(
    '2025-09-26T02:00:00.000Z',
    '2026-02-10T02:00:00.000Z',
    '2026-12-20T02:00:00.000Z',
  ),
})

/** Every (actor, action, payload) that the machine offers now, with well-formed payloads. */
export function guidedChoices(
  data: IssueData,
): { actor: Actor; action: IssueAction; payload: Record<string, unknown> }[] {
  return ACTORS.flatMap((actor) =>
    availableActions(data, actor).flatMap((action) =>
      VALID_PAYLOADS[action].map((payload) => ({ actor, action, payload })),
    ),
  )
}

export interface Outcome {
  data: IssueData
  refusal: MutationRejection | null
}

export function attempt(
  data: IssueData,
  step: Step,
  at: string,
): Outcome & { actor: Actor; action: string } {
  const choices = step.isGuided ? guidedChoices(data) : []
  // Mostly move the matter forward; ending it early (withdraw, merge) or
  // turning sideways (the privacy flag) now and then.
  const forward = choices.filter(
    (choice) => !['withdraw', 'merge', 'set_private'].includes(choice.action),
  )
  const pool = forward.length > 0 && step.pick % 10 !== 0 ? forward : choices
  const choice = pool.length > 0 ? pool[step.pick % pool.length] : undefined
  const actor = actingAt(choice?.actor ?? step.actor, at)
  const action = choice?.action ?? step.action
  const payload = choice?.payload ?? step.payload
  try {
    return { data: transition(data, action, payload, actor), refusal: null, actor, action }
  } catch (error) {
    if (!(error instanceof MutationRejection)) throw error
    return { data, refusal: error, actor, action }
  }
}

export interface Start {
  isPrivate: boolean
  verdict: string
  startAt: string
}

export function register(start: Start): IssueData {
  return issueKind.apply(
    null,
    {
      op: 'create',
      payload: sampleCreatePayload({
        isPrivate: start.isPrivate,
        discussable: { verdict: start.verdict },
      }),
      baseVersion: 0,
    },
    actingAt(DEMO_ACTORS.gridWorker, start.startAt),
  )
}

/**
 * Registers a matter and tries each step on it in turn, each step its hours
 * after the last (or all at `at`); `check` sees every outcome with the matter
 * it was tried on. Returns the matter at the end.
 */
export function walk(
  start: Start,
  steps: readonly Step[],
  check: (outcome: ReturnType<typeof attempt>, before: IssueData) => void,
  at?: string,
): IssueData {
  let data = register(start)
  let time = Date.parse(start.startAt)
  for (const step of steps) {
    time += step.hoursLater * 3_600_000
    const outcome = attempt(data, step, at ?? new Date(time).toISOString())
    check(outcome, data)
    data = outcome.data
  }
  return data
}
