import { describe, expect, it } from 'vitest'
import { overdueVillageCount, periodOf, visitPlanStatus, type PlanTerms } from './visit-plan.ts'

const V1 = '/c/t1/v1/'
const V2 = '/c/t1/v2/'
const grids = (village: string) => [{ path: `${village}g1/`, name: '第一网格' }]
const plan: PlanTerms = {
  villages: [
    { path: V1, name: '柳河村', grids: grids(V1) },
    { path: V2, name: '杏花村', grids: grids(V2) },
  ],
  visitsPerPeriod: 1,
  periodMonths: 3,
  startsOn: '2026-01-01',
}

describe('the deputies’ visit plan', () => {
  it('cuts the calendar into blocks of the plan’s period', () => {
    expect(periodOf('2026-11-27', 3)).toEqual({ start: '2026-10-01', end: '2026-12-31' })
    expect(periodOf('2026-02-10', 1)).toEqual({ start: '2026-02-01', end: '2026-02-28' })
    expect(periodOf('2024-02-10', 6)).toEqual({ start: '2024-01-01', end: '2024-06-30' })
    expect(periodOf('2026-12-31', 12)).toEqual({ start: '2026-01-01', end: '2026-12-31' })
  })

  it('marks a village visited this quarter as done, whatever happened before', () => {
    const [v1] = visitPlanStatus(plan, [{ villagePath: V1, visitedOn: '2026-10-15' }], '2026-11-27')
    expect(v1).toMatchObject({ state: 'done', visitsThisPeriod: 1, lastVisitedOn: '2026-10-15' })
  })

  it('flags a village overdue when the last quarter fell short and this one has no visit yet', () => {
    const visits = [{ villagePath: V2, visitedOn: '2026-08-01' }]
    const [v1, v2] = visitPlanStatus(plan, visits, '2026-11-27')
    expect(v1?.state).toBe('overdue')
    expect(v2).toMatchObject({ state: 'due', lastVisitedOn: '2026-08-01', periodEnd: '2026-12-31' })
    expect(overdueVillageCount(plan, visits, '2026-11-27')).toBe(1)
  })

  it('owes nothing for the period the plan started in', () => {
    const started = { ...plan, startsOn: '2026-08-15' }
    expect(overdueVillageCount(started, [], '2026-11-27')).toBe(0)
    expect(overdueVillageCount(started, [], '2027-01-05')).toBe(2)
  })

  it('asks for as many visits as the county configured per period', () => {
    const twice = { ...plan, visitsPerPeriod: 2 }
    const visits = [
      { villagePath: V1, visitedOn: '2026-07-01' },
      { villagePath: V1, visitedOn: '2026-10-02' },
    ]
    const [v1] = visitPlanStatus(twice, visits, '2026-11-27')
    expect(v1).toMatchObject({ state: 'overdue', visitsThisPeriod: 1, required: 2 })
  })

  it('does not count a visit dated after today', () => {
    const [v1] = visitPlanStatus(plan, [{ villagePath: V1, visitedOn: '2026-12-01' }], '2026-11-27')
    expect(v1?.visitsThisPeriod).toBe(0)
  })
})
