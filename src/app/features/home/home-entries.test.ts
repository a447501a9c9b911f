import { describe, expect, it } from 'vitest'
import { ROLES } from '#shared/auth/roles.ts'
import { can } from '#shared/auth/permissions.ts'
import { homeEntriesFor } from './home-entries.ts'

describe('home shortcuts', () => {
  it('offers 登记群众说事 exactly to the roles the server lets log a matter', () => {
    for (const role of ROLES) {
      const keys = homeEntriesFor(role).map((entry) => entry.key)
      expect(keys.includes('capture'), role).toBe(can(role, 'issue.create'))
      expect(keys, role).toEqual(expect.arrayContaining(['issues', 'assessments']))
    }
    expect(homeEntriesFor('department_staff').map((entry) => entry.key)).not.toContain('capture')
    expect(homeEntriesFor('grid_worker').map((entry) => entry.key)).toContain('capture')
  })

  it('offers the discussion days to those who run or oversee them, not to departments', () => {
    const keys = (role: Parameters<typeof homeEntriesFor>[0]) =>
      homeEntriesFor(role).map((entry) => entry.key)
    for (const role of ['grid_worker', 'village_cadre', 'mediator', 'township_staff'] as const) {
      expect(keys(role), role).toContain('meetings')
    }
    expect(keys('county_staff')).toContain('meetings')
    expect(keys('department_staff')).not.toContain('meetings')
  })

  it('offers 督导考核 exactly to the roles the server lets read the figures', () => {
    for (const role of ROLES) {
      const keys = homeEntriesFor(role).map((entry) => entry.key)
      expect(keys.includes('supervision'), role).toBe(can(role, 'supervision.view'))
    }
    expect(homeEntriesFor('grid_worker').map((entry) => entry.key)).not.toContain('supervision')
    expect(homeEntriesFor('county_staff').map((entry) => entry.key)).toContain('supervision')
  })
})
