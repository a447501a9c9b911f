import { describe, expect, it } from 'vitest'
import { register, escalated, dispatched, awaitingFeedback } from './issue.machine.fixtures.ts'
import { DEMO_ACTORS } from './issue.fixtures.ts'
import { ISSUE_TRANSITIONS } from './issue.transitions.ts'
import { availableActions } from './issue.machine.ts'

const {
  gridWorker,
  siblingGridWorker,
  villageCadre,
  siblingVillageCadre,
  townshipStaff,
  countyStaff,
  departmentStaff,
  otherDepartmentStaff,
} = DEMO_ACTORS

describe('availableActions', () => {
  it('shows the village what it may do with a new report, and the reporter only withdrawal', () => {
    const issue = register()
    expect(availableActions(issue, villageCadre)).toEqual([
      'accept',
      'set_discussable',
      'set_private',
      'withdraw',
      'merge',
    ])
    expect(availableActions(issue, gridWorker)).toEqual(['withdraw'])
    expect(availableActions(issue, siblingVillageCadre)).toEqual([])
    expect(availableActions(issue, townshipStaff)).toEqual([])
  })

  it('shows the township and the county what they may do with an escalated matter', () => {
    const issue = escalated()
    expect(availableActions(issue, townshipStaff)).toEqual([
      'set_private',
      'return_to_village',
      'resolve_by_township',
      'dispatch',
      'merge',
    ])
    expect(availableActions(issue, countyStaff)).toEqual(['dispatch'])
    expect(availableActions(issue, villageCadre)).toEqual(['set_private', 'withdraw'])
  })

  it('shows only the assigned department its reply', () => {
    const issue = dispatched()
    expect(availableActions(issue, departmentStaff)).toEqual([
      'set_private',
      'return_to_township',
      'reply',
    ])
    expect(availableActions(issue, otherDepartmentStaff)).toEqual([])
  })

  it('shows the feedback visit to the grid worker of the issue’s grid only', () => {
    const issue = awaitingFeedback()
    expect(availableActions(issue, gridWorker)).toEqual(['feedback'])
    expect(availableActions(issue, siblingGridWorker)).toEqual([])
    expect(availableActions(issue, villageCadre)).toEqual(['set_private'])
  })

  it('lists every action in the transition table', () => {
    for (const [action, definition] of Object.entries(ISSUE_TRANSITIONS)) {
      expect(definition.action).toBe(action)
      expect(definition.grants.length).toBeGreaterThan(0)
    }
  })
})
