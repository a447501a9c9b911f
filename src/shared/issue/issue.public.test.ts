import { describe, expect, it } from 'vitest'
import { MutationRejection, type Actor } from '../sync/record-kind.ts'
import { DEMO_ACTORS, sampleCreatePayload } from './issue.fixtures.ts'
import { issueKind } from './issue.kind.ts'
import { availableActions, transition } from './issue.machine.ts'
import { toTrackedReport } from './issue.public.ts'
import { PERSONAL_FIELDS, RESIDENT_ACTOR_ID } from './issue.resident.ts'
import type { IssueData } from './issue.schema.ts'

const resident: Actor = { ...DEMO_ACTORS.countyStaff, userId: RESIDENT_ACTOR_ID }
const A = DEMO_ACTORS

function create(actor: Actor, fields: Record<string, unknown> = {}): IssueData {
  return issueKind.apply(
    null,
    { op: 'create', payload: sampleCreatePayload({ photos: [], ...fields }), baseVersion: 0 },
    actor,
  )
}

function answered(): IssueData {
  let data = create(A.gridWorker, { trackingHash: 'c'.repeat(64) })
  data = transition(data, 'accept', {}, A.villageCadre)
  return transition(data, 'resolve_locally', { resolution: '已修好' }, A.villageCadre)
}

describe("residents' own reports in the issue kind", () => {
  it('lets the residents actor file only 线上 reports, and county staff none at all', () => {
    expect(create(resident, { channel: 'online' }).reporterId).toBe(RESIDENT_ACTOR_ID)
    expect(() => create(resident)).toThrow(MutationRejection)
    expect(() => create(A.countyStaff, { channel: 'online' })).toThrow(MutationRejection)
  })

  it('lets the residents actor give feedback, and never lends it a role', () => {
    const data = answered()
    expect(availableActions(data, resident)).toEqual(['feedback'])
    expect(transition(data, 'feedback', { satisfaction: 'satisfied' }, resident).status).toBe(
      'closed',
    )
    // As county staff by role it may do nothing county staff may (e.g. take another's feedback turn).
    const accepted = transition(create(A.gridWorker), 'accept', {}, A.villageCadre)
    expect(availableActions(accepted, resident)).toEqual([])
  })

  it("drops the tracking hash from every viewer's projection", () => {
    const data = answered()
    expect(data.trackingHash).toBe('c'.repeat(64))
    for (const actor of Object.values(A)) {
      expect('trackingHash' in (issueKind.view?.(data, actor) ?? {})).toBe(false)
    }
  })

  it('shows the public none of the personal or internal fields', () => {
    const tracked = toTrackedReport(answered())
    const personal: readonly string[] = PERSONAL_FIELDS
    expect(Object.keys(tracked).filter((key) => personal.includes(key))).toEqual([])
    expect(tracked.answer).toMatchObject({ tier: 'village', text: '已修好' })
    expect(tracked.steps.map((step) => step.action)).toEqual([
      'register',
      'accept',
      'resolve_locally',
    ])
  })
})
