import { describe, expect, it } from 'vitest'
import { register, act } from './issue.machine.fixtures.ts'
import {
  EVE_OF_NATIONAL_DAY,
  actingAt,
  sampleCreatePayload,
  DEMO_ACTORS,
} from './issue.fixtures.ts'
import { createIssueKind } from './issue.kind.ts'
import { DEFAULT_STAGE_DEADLINES, currentDeadline, isOverdue } from './issue.deadlines.ts'

const { gridWorker, villageCadre } = DEMO_ACTORS

describe('deadlines', () => {
  it('uses the documented defaults', () => {
    expect(DEFAULT_STAGE_DEADLINES).toEqual({
      accept: 2,
      village: 5,
      township: 10,
      department: 15,
      feedback: 3,
    })
  })

  it('counts from the China calendar day of the registration, skipping National Day 2025', () => {
    // 00:30 on Sunday 2025-09-28 in China (a make-up working day) is still the 27th in UTC.
    const issue = register('2025-09-27T16:30:00.000Z')
    expect(issue.deadlines.accept).toEqual({
      startedOn: '2025-09-28',
      due: '2025-09-30',
      workingDays: 2,
      isEstimate: false,
    })
    expect(register('2025-09-30T02:00:00.000Z').deadlines.accept?.due).toBe('2025-10-10')
  })

  it('counts across the Spring Festival 2026 with both make-up Saturdays', () => {
    const issue = register('2026-02-12T02:00:00.000Z')
    expect(issue.deadlines.accept?.due).toBe('2026-02-14')
    const acceptedIssue = act(issue, villageCadre, 'accept', {}, '2026-02-13T02:00:00.000Z')
    expect(acceptedIssue.deadlines.village?.due).toBe('2026-02-27')
    const escalatedIssue = act(
      acceptedIssue,
      villageCadre,
      'escalate',
      { reason: '需镇里协调' },
      '2026-02-13T03:00:00Z',
    )
    expect(escalatedIssue.deadlines.township?.due).toBe('2026-03-05')
  })

  it('marks a deadline that runs into a year without published holidays as an estimate', () => {
    const issue = register('2026-12-30T02:00:00.000Z')
    expect(issue.deadlines.accept).toMatchObject({ due: '2027-01-01', isEstimate: true })
  })

  it('takes the county’s own table of working days', () => {
    const kind = createIssueKind({ ...DEFAULT_STAGE_DEADLINES, accept: 1, village: 10 })
    const issue = kind.apply(
      null,
      { op: 'create', payload: sampleCreatePayload(), baseVersion: 0 },
      actingAt(gridWorker, EVE_OF_NATIONAL_DAY),
    )
    expect(issue.deadlines.accept?.due).toBe('2025-10-09')
    const next = kind.apply(
      issue,
      { op: 'transition', payload: { action: 'accept' }, baseVersion: 1 },
      villageCadre,
    )
    expect(next.deadlines.village).toMatchObject({ workingDays: 10, due: '2025-10-21' })
  })

  it('refuses a table of working days that is not whole positive numbers', () => {
    expect(() => createIssueKind({ ...DEFAULT_STAGE_DEADLINES, village: 0 })).toThrow(RangeError)
    expect(() => createIssueKind({ ...DEFAULT_STAGE_DEADLINES, feedback: 2.5 })).toThrow(RangeError)
  })

  it('flags an issue as overdue only after its current stage’s due date', () => {
    const issue = register()
    expect(currentDeadline(issue)?.due).toBe('2025-10-10')
    expect(isOverdue(issue, '2025-10-10')).toBe(false)
    expect(isOverdue(issue, '2025-10-11')).toBe(true)
    const acceptedIssue = act(issue, villageCadre, 'accept', {}, '2025-10-11T02:00:00Z')
    expect(isOverdue(acceptedIssue, '2025-10-11')).toBe(false)
  })

  it('never flags a report held by an on-schedule livelihood item at village stage', () => {
    const issue = register()
    expect(isOverdue(issue, '2025-10-11', true)).toBe(false)
    const accepted = act(issue, villageCadre, 'accept', {}, '2025-10-09T02:00:00Z')
    const villageDue = currentDeadline(accepted)?.due ?? ''
    expect(isOverdue(accepted, '2025-12-31')).toBe(true)
    expect(isOverdue(accepted, '2025-12-31', true)).toBe(false)
    expect(villageDue < '2025-12-31').toBe(true)
  })

  it('still flags a held report that went above the village', () => {
    const accepted = act(register(), villageCadre, 'accept', {}, '2025-10-09T02:00:00Z')
    const escalated = act(
      accepted,
      villageCadre,
      'escalate',
      { reason: '需镇里协调' },
      '2025-10-09T03:00:00Z',
    )
    expect(isOverdue(escalated, '2025-12-31', true)).toBe(true)
  })
})
