import { describe, expect, it } from 'vitest'
import { fixedDayIn, fixedDayRuleFor, upcomingFixedDaysByRule } from './fixed-day.ts'

describe('fixed discussion day', () => {
  it('offers the day of the month from today on, across the year end', () => {
    expect(upcomingFixedDaysByRule('2026-11-27', 3, { type: 'day_of_month', day: 5 })).toEqual([
      '2026-12-05',
      '2027-01-05',
      '2027-02-05',
    ])
    expect(upcomingFixedDaysByRule('2026-12-05', 1, { type: 'day_of_month', day: 5 })).toEqual([
      '2026-12-05',
    ])
  })

  it('finds the first Monday and the last Friday of a month', () => {
    // 1 December 2026 is a Tuesday.
    expect(fixedDayIn(2026, 12, { type: 'nth_weekday', nth: 1, weekday: 1 })).toBe('2026-12-07')
    expect(fixedDayIn(2026, 12, { type: 'nth_weekday', nth: 1, weekday: 2 })).toBe('2026-12-01')
    expect(fixedDayIn(2026, 12, { type: 'nth_weekday', nth: 5, weekday: 5 })).toBe('2026-12-25')
    expect(fixedDayIn(2026, 12, { type: 'nth_weekday', nth: 5, weekday: 4 })).toBe('2026-12-31')
  })

  it("takes a village's own rule over its township's, and the county's otherwise", () => {
    const fixedDay = {
      county: { type: 'day_of_month', day: 5 } as const,
      units: {
        t1: { type: 'day_of_month', day: 10 } as const,
        't1-v2': { type: 'day_of_month', day: 20 } as const,
      },
    }
    expect(fixedDayRuleFor(fixedDay, '/c/t1/t1-v1/')).toEqual({ type: 'day_of_month', day: 10 })
    expect(fixedDayRuleFor(fixedDay, '/c/t1/t1-v2/t1-v2-g1/')).toEqual({
      type: 'day_of_month',
      day: 20,
    })
    expect(fixedDayRuleFor(fixedDay, '/c/t2/t2-v1/')).toEqual({ type: 'day_of_month', day: 5 })
  })
})
