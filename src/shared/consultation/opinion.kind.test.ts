import { describe, expect, it } from 'vitest'
import type { Actor, Viewer } from '../sync/record-kind.ts'
import { refusalOf } from '../sync/record-kind.fixtures.ts'
import { actingAt, DEMO_ACTORS, DEMO_PATHS, recordOpinion } from './consultation.fixtures.ts'
import { opinionKind, PUBLIC_OPINION_ACTOR_ID, publicOpinionPayload } from './opinion.kind.ts'
import type { OpinionData } from './opinion.schema.ts'

function act(current: OpinionData, op: string, payload: Record<string, unknown>, actor: Actor) {
  return opinionKind.apply(current, { op, payload, baseVersion: 0 }, actor)
}

const viewerOf = ({ userId, role, orgUnitId, orgPath }: Actor): Viewer => ({
  userId,
  role,
  orgUnitId,
  orgPath,
})

describe('opinion records', () => {
  it('places a transcribed opinion at its author’s grid and village, whatever was sent', () => {
    const opinion = recordOpinion()
    expect(opinion.unitPath).toBe(DEMO_PATHS.grid)
    expect(opinion.villagePath).toBe(DEMO_PATHS.village)
    expect(opinionKind.audience(opinion)).toEqual([DEMO_PATHS.grid, DEMO_PATHS.department])
    expect(refusalOf(() => recordOpinion({ villagePath: DEMO_PATHS.siblingVillage })).code).toBe(
      'invalid_payload',
    )
  })

  it('takes public opinions only from the public route’s system actor', () => {
    const payload = publicOpinionPayload({
      consultationId: '5b0e2c1a-7d3f-4b8e-9a61-2f4c8d9e0a11',
      department: DEMO_PATHS.department,
      text: '支持',
      heardOn: '2025-09-20',
      villagePath: DEMO_PATHS.village,
      resident: null,
      trackingHash: 'a'.repeat(64),
    })
    const run = (actor: Actor) =>
      opinionKind.apply(null, { op: 'create', payload: { ...payload }, baseVersion: 0 }, actor)
    expect(refusalOf(() => run(DEMO_ACTORS.gridWorker)).code).toBe('forbidden_role')
    const system = { ...DEMO_ACTORS.countyStaff, userId: PUBLIC_OPINION_ACTOR_ID }
    const opinion = run(system)
    expect(opinion.unitPath).toBe(DEMO_PATHS.village)
    expect(opinion.channel).toBe('public')
    expect(refusalOf(() => recordOpinion({ channel: 'public' })).code).toBe('forbidden_role')
  })

  it('lets only a mediator file an assessment opinion', () => {
    expect(refusalOf(() => recordOpinion({ channel: 'mediator_assessment' })).code).toBe(
      'forbidden_role',
    )
    const mediator = recordOpinion({ channel: 'mediator_assessment' }, DEMO_ACTORS.villageMediator)
    expect(mediator.unitPath).toBe(DEMO_PATHS.village)
  })

  it('needs the discussion day for a discussion-day opinion', () => {
    expect(refusalOf(() => recordOpinion({ channel: 'discussion_day' })).code).toBe(
      'invalid_payload',
    )
  })

  it('refuses a date in the future', () => {
    expect(refusalOf(() => recordOpinion({ heardOn: '2025-12-01' })).code).toBe('invalid_payload')
  })

  it('never changes its text once written', () => {
    expect(
      refusalOf(() => act(recordOpinion(), 'update', { text: '改' }, DEMO_ACTORS.gridWorker)).code,
    ).toBe('immutable')
  })
})

describe('answers', () => {
  const department = DEMO_ACTORS.departmentStaff

  it('needs a reason for every verdict but adopted', () => {
    const refusal = refusalOf(() =>
      act(recordOpinion(), 'answer', { verdict: 'not_adopted', reason: '' }, department),
    )
    expect(refusal.message).toBe('未完全采纳的意见须说明理由')
    const adopted = act(recordOpinion(), 'answer', { verdict: 'adopted' }, department)
    expect(adopted.answer).toMatchObject({ verdict: 'adopted', reason: null })
    const refused = act(
      recordOpinion(),
      'answer',
      { verdict: 'not_adopted', reason: '超出县级财力' },
      department,
    )
    expect(refused.answer).toMatchObject({ verdict: 'not_adopted', reason: '超出县级财力' })
  })

  it('is given by the consultation’s department or the county only', () => {
    for (const actor of [DEMO_ACTORS.otherDepartmentStaff, DEMO_ACTORS.villageCadre]) {
      expect(
        refusalOf(() => act(recordOpinion(), 'answer', { verdict: 'adopted' }, actor)).code,
      ).toBe('forbidden_role')
    }
    const county = actingAt(DEMO_ACTORS.countyStaff, '2025-10-10T00:00:00.000Z')
    expect(act(recordOpinion(), 'answer', { verdict: 'adopted' }, county).answer).not.toBeNull()
  })

  it('classifies themes and groups duplicates', () => {
    const next = act(
      recordOpinion(),
      'classify',
      { themes: ['补贴标准', '补贴标准', '年龄'], group: 'lead-1' },
      department,
    )
    expect(next.themes).toEqual(['补贴标准', '年龄'])
    expect(next.group).toBe('lead-1')
  })
})

describe('who sees the person', () => {
  it('shows the name and phone to the department and the village only', () => {
    const opinion = recordOpinion()
    const seen = (actor: Actor) => opinionKind.view?.(opinion, viewerOf(actor)).resident
    expect(seen(DEMO_ACTORS.departmentStaff)).toEqual({ name: '李大娘', phone: '13812341234' })
    expect(seen(DEMO_ACTORS.villageCadre)).toEqual({ name: '李大娘', phone: '13812341234' })
    expect(seen(DEMO_ACTORS.gridWorker)).toEqual({ name: '李大娘', phone: '13812341234' })
    for (const actor of [
      DEMO_ACTORS.townshipStaff,
      DEMO_ACTORS.countyStaff,
      DEMO_ACTORS.siblingGridWorker,
      DEMO_ACTORS.otherDepartmentStaff,
    ]) {
      expect(seen(actor)).toEqual({ name: '李**', phone: '138****1234' })
    }
  })

  it('never shows the tracking hash', () => {
    const opinion = { ...recordOpinion(), trackingHash: 'b'.repeat(64) }
    expect(opinionKind.view?.(opinion, viewerOf(DEMO_ACTORS.departmentStaff)).trackingHash).toBe(
      null,
    )
  })
})
