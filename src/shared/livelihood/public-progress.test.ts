import { describe, expect, it } from 'vitest'
import { publicProgressUnitOf } from './public-progress.ts'

const COUNTY = '/demo-county/'
const TOWNSHIP = `${COUNTY}demo-t1/`
const VILLAGE = `${TOWNSHIP}demo-t1-v1/`
const GRID = `${VILLAGE}demo-t1-v1-g1/`

describe('the public progress page a user’s 公示 link opens', () => {
  it('is the township’s for the township and everyone below it', () => {
    for (const [role, orgPath] of [
      ['township_staff', TOWNSHIP],
      ['village_cadre', VILLAGE],
      ['grid_worker', GRID],
    ] as const) {
      expect(publicProgressUnitOf({ role, orgPath })).toEqual({ id: 'demo-t1', path: TOWNSHIP })
    }
  })

  it('is the county’s whole list for the county office and for a department', () => {
    expect(publicProgressUnitOf({ role: 'county_staff', orgPath: COUNTY })).toEqual({
      id: 'demo-county',
      path: COUNTY,
    })
    expect(
      publicProgressUnitOf({ role: 'department_staff', orgPath: `${COUNTY}demo-dept-1/` }),
    ).toEqual({ id: 'demo-county', path: COUNTY })
  })
})
