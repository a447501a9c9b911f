import { describe, expect, it } from 'vitest'
import { DEMO_ACTORS, DEMO_PATHS } from '../issue/issue.fixtures.ts'
import { audienceReaches } from '../org/org-path.ts'
import type { Actor } from '../sync/record-kind.ts'
import { refusalCodeOf } from '../sync/record-kind.fixtures.ts'
import { mediatorKind } from './mediator.kind.ts'
import type { MediatorData } from './mediator.schema.ts'

const { townshipStaff, villageCadre, siblingVillageCadre, villageMediator, countyStaff } =
  DEMO_ACTORS

const profile = {
  name: '赵六',
  types: ['five_elders', 'people_mediator'],
  expertise: ['land', 'neighbour_dispute'],
}
const apply = (
  current: MediatorData | null,
  op: string,
  payload: Record<string, unknown>,
  actor: Actor,
) => mediatorKind.apply(current, { op, payload, baseVersion: 0 }, actor)

describe('the mediator pool', () => {
  it('adds a township member with its level from the unit', () => {
    const member = apply(
      null,
      'create',
      { ...profile, orgPath: DEMO_PATHS.township },
      townshipStaff,
    )
    expect(member).toMatchObject({ level: 'township', isActive: true, trainings: [] })
    expect(mediatorKind.schema.safeParse(member).success).toBe(true)
  })

  it('is seen by the units below its level and above it, not by another township', () => {
    const member = apply(
      null,
      'create',
      { ...profile, orgPath: DEMO_PATHS.township },
      townshipStaff,
    )
    const audience = mediatorKind.audience(member)
    const sees = (scope: string) => audience.some((path) => audienceReaches(path, scope))
    expect(sees(DEMO_PATHS.grid)).toBe(true)
    expect(sees(DEMO_PATHS.village)).toBe(true)
    expect(sees(DEMO_PATHS.county)).toBe(true)
    expect(sees(DEMO_PATHS.otherTownship)).toBe(false)
  })

  it('lets only managers at or above the member’s level manage it', () => {
    expect(
      refusalCodeOf(() =>
        apply(null, 'create', { ...profile, orgPath: DEMO_PATHS.township }, villageCadre),
      ),
    ).toBe('out_of_scope')
    expect(
      refusalCodeOf(() =>
        apply(null, 'create', { ...profile, orgPath: DEMO_PATHS.village }, villageMediator),
      ),
    ).toBe('forbidden_role')
    const member = apply(null, 'create', { ...profile, orgPath: DEMO_PATHS.village }, villageCadre)
    expect(
      refusalCodeOf(() =>
        apply(member, 'add_honour', { year: 2025, title: '优秀解事员' }, siblingVillageCadre),
      ),
    ).toBe('out_of_scope')
    expect(
      refusalCodeOf(() =>
        apply(null, 'create', { ...profile, orgPath: DEMO_PATHS.grid }, villageCadre),
      ),
    ).toBe('invalid_payload')
  })

  it('keeps training, one assessment a year, honours and retirement', () => {
    let member = apply(null, 'create', { ...profile, orgPath: DEMO_PATHS.county }, countyStaff)
    member = apply(
      member,
      'add_training',
      { date: '2025-03-02', title: '解事员轮训（第一期）', hours: 8 },
      countyStaff,
    )
    member = apply(member, 'add_assessment', { year: 2024, grade: 'excellent' }, countyStaff)
    member = apply(member, 'add_honour', { year: 2024, title: '优秀解事员' }, countyStaff)
    expect(
      refusalCodeOf(() =>
        apply(member, 'add_assessment', { year: 2024, grade: 'competent' }, countyStaff),
      ),
    ).toBe('conflict')
    member = apply(member, 'retire', {}, countyStaff)
    expect(member).toMatchObject({
      isActive: false,
      trainings: [{ hours: 8 }],
      honours: [{ year: 2024 }],
    })
    expect(mediatorKind.schema.safeParse(member).success).toBe(true)
  })
})
