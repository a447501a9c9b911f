import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { issueKind } from './issue.kind.ts'
import { attempt, register, startArb, stepArb, walk } from './issue.property.fixtures.ts'
import { isReopened } from './issue.reopen.ts'

describe('reopening and the privacy flag (#12.6, #12.7), under random sequences', () => {
  it('sends every 不满意 back to the unit that answered, which keeps the matter in sight', () => {
    let reopenings = 0
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { minLength: 5, maxLength: 40 }), (start, steps) => {
        walk(start, steps, ({ data }, before) => {
          const last = data.events.at(-1)
          if (data === before || last?.action !== 'feedback' || data.status === 'closed') return
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
        })
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
