import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MutationRejection, type Actor } from '../sync/record-kind.ts'
import { DEMO_ACTORS, DEMO_PATHS, actingAt, sampleCreatePayload } from './issue.fixtures.ts'
import { issueKind } from './issue.kind.ts'
import { ISSUE_TRANSITIONS } from './issue.transitions.ts'
import { availableActions, transition } from './issue.machine.ts'
import { isReopened } from './issue.reopen.ts'
import { ISSUE_ACTIONS, issueDataSchema, type IssueAction, type IssueData } from './issue.schema.ts'

const ACTORS: readonly Actor[] = Object.values(DEMO_ACTORS)
const CHINESE = /[\u4e00-\u9fa5]/
/** Refusals that say "not you, not here, not now". */
const AUTHORITY_CODES = ['invalid_transition', 'forbidden_role', 'out_of_scope', 'unknown_action']

/** Well-formed payloads for each action (some still break a domain rule, e.g. a foreign department). */
const VALID_PAYLOADS: Readonly<Record<IssueAction, readonly Record<string, unknown>[]>> = {
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

/**
 * Who may take which action, written out again from the spec (issue 5 and
 * the brief), independently of the machine's table.
 */
function oracleMayTake(data: IssueData, action: string, actor: Actor): boolean {
  const inSubtree = data.orgPath.startsWith(actor.orgPath)
  const { status } = data
  const atVillage = status === 'accepted' || status === 'scheduled_for_meeting'
  const village = actor.role === 'village_cadre' && inSubtree
  const township = actor.role === 'township_staff' && inSubtree
  const assignedDepartment =
    actor.role === 'department_staff' && data.assignedDepartment === actor.orgPath
  switch (action) {
    case 'accept':
      return village && status === 'registered'
    case 'set_discussable':
      return village && (status === 'registered' || status === 'accepted')
    case 'set_private':
      // The units handling the matter (#12.7): the village while open, the
      // township while escalated, the assigned department while dispatched.
      return (
        (village && !['closed', 'withdrawn', 'merged'].includes(status)) ||
        (township && status === 'escalated') ||
        (assignedDepartment && status === 'dispatched')
      )
    case 'agree':
      // 达成共识 is an outcome of the day the matter is on (#12.10a).
      return (
        (village || (actor.role === 'mediator' && inSubtree)) && status === 'scheduled_for_meeting'
      )
    case 'resolve_locally':
    case 'escalate':
      // A mediator records the outcome of a discussion day (the payload must cite it).
      return (
        (village && atVillage) ||
        (actor.role === 'mediator' && inSubtree && status === 'scheduled_for_meeting')
      )
    case 'schedule_meeting':
      return village && atVillage
    case 'return_to_village':
    case 'resolve_by_township':
      return township && status === 'escalated'
    case 'dispatch':
      return (township || (actor.role === 'county_staff' && inSubtree)) && status === 'escalated'
    case 'return_to_township':
    case 'reply':
      return assignedDepartment && status === 'dispatched'
    case 'feedback':
      return actor.role === 'grid_worker' && inSubtree && status === 'awaiting_feedback'
    case 'withdraw':
      return (
        (village || (actor.userId === data.reporterId && inSubtree)) &&
        ['registered', 'accepted', 'scheduled_for_meeting', 'escalated', 'dispatched'].includes(
          status,
        )
      )
    case 'merge':
      return (
        (village && (status === 'registered' || atVillage)) || (township && status === 'escalated')
      )
    default:
      return false
  }
}

interface Step {
  /** Take one of the actions somebody may take now (drives the matter forward) or anything at all. */
  isGuided: boolean
  pick: number
  actor: Actor
  action: string
  payload: Record<string, unknown>
  hoursLater: number
}

const anyPayload = fc.oneof(
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

const stepArb: fc.Arbitrary<Step> = fc.record({
  isGuided: fc.nat({ max: 3 }).map((n) => n > 0),
  pick: fc.nat(),
  actor: fc.constantFrom(...ACTORS),
  action: fc.constantFrom<string>(...ISSUE_ACTIONS, 'approve', 'close'),
  payload: anyPayload,
  hoursLater: fc.integer({ min: 1, max: 24 * 20 }),
})

const startArb = fc.record({
  isPrivate: fc.boolean(),
  verdict: fc.constantFrom('discussable', 'not_discussable', 'unknown'),
  startAt: fc.constantFrom(
    '2025-09-26T02:00:00.000Z',
    '2026-02-10T02:00:00.000Z',
    '2026-12-20T02:00:00.000Z',
  ),
})

/** Every (actor, action, payload) that the machine offers now, with well-formed payloads. */
function guidedChoices(
  data: IssueData,
): { actor: Actor; action: IssueAction; payload: Record<string, unknown> }[] {
  return ACTORS.flatMap((actor) =>
    availableActions(data, actor).flatMap((action) =>
      VALID_PAYLOADS[action].map((payload) => ({ actor, action, payload })),
    ),
  )
}

interface Outcome {
  data: IssueData
  refusal: MutationRejection | null
}

function attempt(
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

interface Start {
  isPrivate: boolean
  verdict: string
  startAt: string
}

function register(start: Start): IssueData {
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

describe('the issue state machine, under random sequences of actions by random actors', () => {
  it('never reaches closed without a feedback event, and each feedback closes or reopens', () => {
    let closedRuns = 0
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { minLength: 5, maxLength: 40 }), (start, steps) => {
        let data = register(start)
        let time = Date.parse(start.startAt)
        for (const step of steps) {
          time += step.hoursLater * 3_600_000
          data = attempt(data, step, new Date(time).toISOString()).data
          for (const event of data.events) {
            if (event.toStatus === 'closed') expect(event.action).toBe('feedback')
          }
          if (data.status === 'closed') {
            expect(data.events.at(-1)?.action).toBe('feedback')
            expect(data.feedback?.satisfaction).not.toBe('dissatisfied')
          }
        }
        if (data.status === 'closed') closedRuns += 1
      }),
      { numRuns: 400 },
    )
    // The property is not vacuous: closed is reached in many runs.
    expect(closedRuns).toBeGreaterThan(40)
  })

  it('refuses every action by a role or unit that may not take it, and allows it otherwise', () => {
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { maxLength: 30 }), (start, steps) => {
        let data = register(start)
        let time = Date.parse(start.startAt)
        for (const step of steps) {
          time += step.hoursLater * 3_600_000
          const outcome = attempt(data, step, new Date(time).toISOString())
          const isAllowed = oracleMayTake(data, outcome.action, outcome.actor)
          const offered = availableActions(data, outcome.actor)
          expect(offered.some((action) => action === outcome.action)).toBe(isAllowed)
          if (!isAllowed) {
            expect(outcome.refusal).toBeInstanceOf(MutationRejection)
            expect(AUTHORITY_CODES).toContain(outcome.refusal?.code)
          } else if (outcome.refusal) {
            // Allowed to act, refused for what was written or for a domain rule.
            expect(['invalid_payload', 'not_discussable']).toContain(outcome.refusal.code)
          }
          data = outcome.data
        }
      }),
      { numRuns: 300 },
    )
  })

  it('gives every refusal a reason in Chinese', () => {
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { maxLength: 30 }), (start, steps) => {
        let data = register(start)
        for (const step of steps) {
          const outcome = attempt(data, step, '2025-10-09T02:00:00.000Z')
          if (outcome.refusal) expect(outcome.refusal.message).toMatch(CHINESE)
          data = outcome.data
        }
      }),
      { numRuns: 300 },
    )
  })

  it('only ever appends to the ledger, and every state it reaches is a valid record', () => {
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { maxLength: 30 }), (start, steps) => {
        let data = register(start)
        let time = Date.parse(start.startAt)
        for (const step of steps) {
          time += step.hoursLater * 3_600_000
          const before = structuredClone(data)
          const outcome = attempt(data, step, new Date(time).toISOString())
          expect(data).toEqual(before)
          if (outcome.refusal) {
            expect(outcome.data).toBe(data)
          } else {
            expect(outcome.data.events).toHaveLength(before.events.length + 1)
            expect(outcome.data.events.slice(0, before.events.length)).toEqual(before.events)
            // The status reached is one the table declares for the action.
            const taken = outcome.data.events.at(-1)?.action
            const definition = Object.values(ISSUE_TRANSITIONS).find((t) => t.action === taken)
            expect(definition?.to).toContain(outcome.data.status)
            const valid = issueDataSchema.safeParse(outcome.data)
            expect(valid.success, valid.error?.issues[0]?.message).toBe(true)
          }
          data = outcome.data
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('the issue record kind, under random mutations', () => {
  const updateArb = fc.constantFrom<Record<string, unknown>>(
    { title: '村口路灯仍不亮' },
    { isAnonymous: true, resident: null },
    { isAnonymous: true },
    { gpsConsent: false },
    { gpsConsent: false, gps: null },
    { tags: [] },
    { urgency: 'urgent', place: '村小学门口' },
    {},
  )
  const mutationArb = fc.oneof(
    fc.record({ op: fc.constant('update'), payload: updateArb, actor: fc.constantFrom(...ACTORS) }),
    fc.record({
      op: fc.constant('transition'),
      payload: fc
        .constantFrom(...ISSUE_ACTIONS)
        .chain((action) =>
          fc.constantFrom(...VALID_PAYLOADS[action]).map((payload) => ({ action, ...payload })),
        ),
      actor: fc.constantFrom(...ACTORS),
    }),
    fc.record({
      op: fc.constantFrom('delete', 'create'),
      payload: fc.constant({}),
      actor: fc.constantFrom(...ACTORS),
    }),
  )

  it('keeps the ledger append-only, refuses in Chinese and stores only valid records', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { maxLength: 30 }), (mutations) => {
        let data = register({
          isPrivate: false,
          verdict: 'discussable',
          startAt: '2025-09-26T02:00:00.000Z',
        })
        for (const [index, mutation] of mutations.entries()) {
          try {
            const next = issueKind.apply(
              data,
              { op: mutation.op, payload: mutation.payload, baseVersion: index + 1 },
              actingAt(mutation.actor, '2025-10-09T02:00:00.000Z'),
            )
            expect(next.events.slice(0, data.events.length)).toEqual(data.events)
            expect(next.events).toHaveLength(data.events.length + 1)
            expect(issueDataSchema.safeParse(next).success).toBe(true)
            data = next
          } catch (error) {
            if (!(error instanceof MutationRejection)) throw error
            expect(error.message).toMatch(CHINESE)
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('reopening and the privacy flag (#12.6, #12.7), under random sequences', () => {
  it('sends every 不满意 back to the unit that answered, which keeps the matter in sight', () => {
    let reopenings = 0
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { minLength: 5, maxLength: 40 }), (start, steps) => {
        let data = register(start)
        let time = Date.parse(start.startAt)
        for (const step of steps) {
          time += step.hoursLater * 3_600_000
          const before = data
          data = attempt(data, step, new Date(time).toISOString()).data
          const last = data.events.at(-1)
          if (data === before || last?.action !== 'feedback' || data.status === 'closed') continue
          reopenings += 1
          const tier = before.resolution?.tier
          const back = { village: 'accepted', township: 'escalated', department: 'dispatched' }
          expect(data.status).toBe(back[tier ?? 'village'])
          expect(data.reopenCount).toBe(before.reopenCount + 1)
          expect(isReopened(data)).toBe(true)
          if (tier === 'department') {
            expect(data.assignedDepartment).toBe(before.resolution?.unitPath)
            expect(issueKind.audience(data)).toContain(before.resolution?.unitPath)
          }
        }
      }),
      { numRuns: 300 },
    )
    expect(reopenings).toBeGreaterThan(20)
  })

  it('records every change of the privacy flag, and never leaves a private matter on a collective day', () => {
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { maxLength: 40 }), (start, steps) => {
        let data = register(start)
        for (const step of steps) {
          data = attempt(data, step, '2025-10-09T02:00:00.000Z').data
          const flips = data.events.filter((event) => event.action === 'set_private')
          const last = flips.at(-1)
          expect(data.isPrivate).toBe(last ? last.details.to === 'true' : start.isPrivate)
          for (const flip of flips) expect(flip.details.from).not.toBe(flip.details.to)
          if (data.isPrivate && data.status === 'scheduled_for_meeting') {
            const scheduled = data.events.findLast((event) => event.action === 'schedule_meeting')
            expect(scheduled?.details.pointToPoint).toBe('true')
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})
