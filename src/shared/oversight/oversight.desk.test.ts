import { describe, expect, it } from 'vitest'
import { oversightDeskCounts, type OversightDeskInput } from './oversight.desk.ts'

const plan: OversightDeskInput['plans'][number] = {
  id: 'p1',
  data: {
    villages: [
      { path: '/c/t1/v1/', name: '柳河村', grids: [{ path: '/c/t1/v1/g1/', name: '一网格' }] },
      { path: '/c/t1/v2/', name: '杏花村', grids: [{ path: '/c/t1/v2/g1/', name: '一网格' }] },
    ],
    visitsPerPeriod: 1,
    periodMonths: 3,
    startsOn: '2026-01-01',
  },
}
const due = (date: string) => ({
  startedOn: '2026-11-02',
  due: date,
  workingDays: 5,
  isEstimate: false,
})
const input: OversightDeskInput = {
  plans: [plan],
  visits: [{ planId: 'p1', villagePath: '/c/t1/v1/', visitedOn: '2026-11-20' }],
  cases: [
    { status: 'open', due: due('2026-11-20') },
    { status: 'open', due: due('2026-12-04') },
    { status: 'concluded', due: null },
  ],
  reviews: [{ status: 'received' }, { status: 'decided' }],
}
const TODAY = '2026-11-27'

describe('the oversight lines of the desk', () => {
  it('shows the deputy and the county the villages overdue, and the county the open cases', () => {
    expect(oversightDeskCounts(input, 'deputy', TODAY)).toEqual([
      expect.objectContaining({ key: 'deputyVisitsOverdue', count: 1, to: { path: '/deputies' } }),
    ])
    const county = oversightDeskCounts(input, 'county_staff', TODAY)
    expect(county.map((count) => count.key)).toEqual([
      'deputyVisitsOverdue',
      'casesOpen',
      'reviewsWaiting',
    ])
    expect(county[1]).toMatchObject({ count: 2, overdueCount: 1, nextDue: '2026-12-04' })
  })

  it('shows a department its open cases and a station its waiting matters, never visits', () => {
    const department = oversightDeskCounts(input, 'department_staff', TODAY)
    expect(department.map((count) => [count.key, count.needs])).toEqual([
      ['casesOpen', 'enforcement.correct'],
      ['reviewsWaiting', null],
    ])
    expect(oversightDeskCounts(input, 'village_cadre', TODAY).map((count) => count.key)).toEqual([
      'reviewsWaiting',
    ])
  })
})
