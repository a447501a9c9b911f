import { describe, expect, it } from 'vitest'
import { emptyInput } from '../desk/desk.fixtures.ts'
import { isOnSchedule, livelihoodOverdue } from './livelihood.deadlines.ts'
import { accepted, actorAt, change, PLAN, proposed, submitted } from './livelihood.fixtures.ts'

describe('overdue livelihood items, in working days', () => {
  it('flags a listed item past the county’s submission date, never a mere candidate', () => {
    const listed = change(proposed(), 'plan', PLAN, actorAt('township'))
    expect(livelihoodOverdue(listed, '2026-03-31')).toEqual([])
    expect(livelihoodOverdue(listed, '2026-04-01')).toEqual(['submission'])
    expect(livelihoodOverdue(proposed(), '2026-12-31')).toEqual([])
  })

  it('gives the county office 15 working days to decide, skipping weekends and holidays', () => {
    // Submitted Friday 2026-11-27: 15 working days end Friday 2026-12-18.
    const item = submitted()
    expect(livelihoodOverdue(item, '2026-12-18')).toEqual([])
    expect(livelihoodOverdue(item, '2026-12-19')).toEqual([])
    expect(livelihoodOverdue(item, '2026-12-21')).toEqual(['decision'])
  })

  it('skips the Spring Festival when counting 20 working days without progress', () => {
    const item = change(
      { ...accepted(), plan: { ...accepted().plan!, plannedStart: '2026-01-20' } },
      'progress',
      { date: '2026-02-06', percent: 10, note: '开工', photos: [] },
      actorAt('department', '2026-02-06T02:00:00.000Z'),
    )
    // Feb 15–23 are off and Feb 14 / Feb 28 are worked: 20 working days from Feb 6 end March 12
    // (by the weekday rule alone they would end March 6).
    expect(livelihoodOverdue(item, '2026-03-12')).toEqual([])
    expect(livelihoodOverdue(item, '2026-03-13')).toEqual(['progress'])
  })

  it('flags a start without progress and the completion date, moved by a delay', () => {
    const item = accepted()
    // Planned start 2026-12-01; 20 working days later is 2026-12-29.
    expect(livelihoodOverdue(item, '2026-12-29')).toEqual([])
    expect(livelihoodOverdue(item, '2026-12-30')).toEqual(['start'])
    const late = { ...item, progress: [] }
    expect(livelihoodOverdue(late, '2027-06-01')).toContain('completion')
    const delayed = change(
      item,
      'delay',
      { reason: '雨季', newCompletion: '2027-07-31' },
      actorAt('department'),
    )
    expect(livelihoodOverdue(delayed, '2027-06-01')).not.toContain('completion')
    expect(isOnSchedule(delayed, '2026-12-10')).toBe(true)
    expect(isOnSchedule(delayed, '2027-08-01')).toBe(false)
  })

  it('never flags a completed, merged or cancelled item', () => {
    const cancelled = change(accepted(), 'cancel', { reason: '县里统筹解决' }, actorAt('county'))
    expect(livelihoodOverdue(cancelled, '2030-01-01')).toEqual([])
    expect(isOnSchedule(cancelled, '2026-12-01')).toBe(false)
  })
})

describe('late livelihood items on the work desk', () => {
  it('counts an item for the unit that must act on its lateness, and nobody else', async () => {
    const { computeDesk } = await import('../desk/desk.ts')
    const input = { ...emptyInput(), livelihoodItems: [accepted()] }
    const deskOf = (who: 'department' | 'township' | 'county') => {
      const { userId, role, orgPath } = actorAt(who)
      const desk = computeDesk(input, { userId, role, orgPath, today: '2026-12-30' })
      return desk.counts.find((count) => count.key === 'livelihoodOverdue')?.count ?? 0
    }
    // Planned start 2026-12-01, no progress 20 working days later: the department's to report.
    expect(deskOf('department')).toBe(1)
    expect(deskOf('township')).toBe(0)
    expect(deskOf('county')).toBe(0)
  })
})
