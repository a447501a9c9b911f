import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MutationRejection, type Actor } from '../sync/record-kind.ts'
import { ISSUE_TRANSITIONS } from './issue.transitions.ts'
import { availableActions } from './issue.machine.ts'
import {
  AUTHORITY_CODES,
  CHINESE,
  attempt,
  register,
  startArb,
  stepArb,
  walk,
} from './issue.property.fixtures.ts'
import { issueDataSchema, type IssueData } from './issue.schema.ts'

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
        walk(start, steps, (outcome, data) => {
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
        })
      }),
      { numRuns: 300 },
    )
  })

  it('gives every refusal a reason in Chinese', () => {
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { maxLength: 30 }), (start, steps) => {
        const at = '2025-10-09T02:00:00.000Z'
        walk(
          start,
          steps,
          (outcome) => {
            if (outcome.refusal) expect(outcome.refusal.message).toMatch(CHINESE)
          },
          at,
        )
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
