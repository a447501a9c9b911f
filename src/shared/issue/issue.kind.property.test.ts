import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MutationRejection } from '../sync/record-kind.ts'
import { actingAt } from './issue.fixtures.ts'
import { issueKind } from './issue.kind.ts'
import { ACTORS, CHINESE, VALID_PAYLOADS, register } from './issue.property.fixtures.ts'
import { ISSUE_ACTIONS, issueDataSchema } from './issue.schema.ts'

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
