import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addWorkingDays,
  chinaDate,
  coveredYears,
  isWorkingDay,
  isYearCovered,
  workingDaysBetween,
} from './working-days.ts'

describe('the bundled holiday data', () => {
  it('covers every year from 2004 to 2026 and nothing later', () => {
    const years = coveredYears()
    expect(years[0]).toBe(2004)
    expect(years.at(-1)).toBe(2026)
    expect(years).toHaveLength(2026 - 2004 + 1)
    expect(isYearCovered(2025)).toBe(true)
    expect(isYearCovered(2031)).toBe(false)
  })

  it('has National Day 2025 off from October 1 to 8 with September 28 and October 11 worked', () => {
    for (let day = 1; day <= 8; day += 1) expect(isWorkingDay(`2025-10-0${day}`)).toBe(false)
    expect(isWorkingDay('2025-09-27')).toBe(false) // Saturday
    expect(isWorkingDay('2025-09-28')).toBe(true) // Sunday, make-up day
    expect(isWorkingDay('2025-10-09')).toBe(true)
    expect(isWorkingDay('2025-10-11')).toBe(true) // Saturday, make-up day
    expect(isWorkingDay('2025-10-12')).toBe(false) // Sunday
  })

  it('has the Spring Festival 2026 off from February 15 to 23 with February 14 and 28 worked', () => {
    for (let day = 15; day <= 23; day += 1) expect(isWorkingDay(`2026-02-${day}`)).toBe(false)
    expect(isWorkingDay('2026-02-13')).toBe(true)
    expect(isWorkingDay('2026-02-14')).toBe(true) // Saturday, make-up day
    expect(isWorkingDay('2026-02-24')).toBe(true)
    expect(isWorkingDay('2026-02-28')).toBe(true) // Saturday, make-up day
    expect(isWorkingDay('2026-03-01')).toBe(false) // Sunday
  })

  it('treats ordinary weekends as days off and weekdays as working days', () => {
    expect(isWorkingDay('2025-11-15')).toBe(false)
    expect(isWorkingDay('2025-11-16')).toBe(false)
    expect(isWorkingDay('2025-11-17')).toBe(true)
  })
})

describe('addWorkingDays', () => {
  it('does not count the start day: one working day after a Friday before National Day is the make-up Sunday', () => {
    expect(addWorkingDays('2025-09-26', 1)).toEqual({ date: '2025-09-28', isEstimate: false })
  })

  it('skips the whole National Day holiday', () => {
    expect(addWorkingDays('2025-09-30', 1).date).toBe('2025-10-09')
    expect(addWorkingDays('2025-09-30', 2).date).toBe('2025-10-10')
    expect(addWorkingDays('2025-09-30', 3).date).toBe('2025-10-11')
    expect(addWorkingDays('2025-09-30', 5).date).toBe('2025-10-14')
  })

  it('counts a department reply of 15 working days across National Day 2025', () => {
    expect(addWorkingDays('2025-09-25', 15)).toEqual({ date: '2025-10-22', isEstimate: false })
  })

  it('starts counting from the first working day when the start day is a holiday', () => {
    expect(addWorkingDays('2025-10-03', 1).date).toBe('2025-10-09')
  })

  it('uses both make-up Saturdays around the Spring Festival 2026', () => {
    expect(addWorkingDays('2026-02-12', 2).date).toBe('2026-02-14')
    expect(addWorkingDays('2026-02-12', 3).date).toBe('2026-02-24')
    expect(addWorkingDays('2026-02-13', 5).date).toBe('2026-02-27')
    expect(addWorkingDays('2026-02-13', 6).date).toBe('2026-02-28')
    expect(addWorkingDays('2026-02-13', 10)).toEqual({ date: '2026-03-05', isEstimate: false })
  })

  it('gives the start day itself for zero working days', () => {
    expect(addWorkingDays('2025-10-01', 0)).toEqual({ date: '2025-10-01', isEstimate: false })
  })

  it('marks a deadline in a year without published data as an estimate and uses the weekday rule', () => {
    expect(addWorkingDays('2031-03-03', 5)).toEqual({ date: '2031-03-10', isEstimate: true })
  })

  it('marks a deadline that runs into an unpublished year as an estimate', () => {
    expect(addWorkingDays('2026-12-28', 2)).toEqual({ date: '2026-12-30', isEstimate: false })
    expect(addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-01', isEstimate: true })
  })

  it('refuses negative, fractional or absurd counts and malformed dates', () => {
    expect(() => addWorkingDays('2025-10-01', -1)).toThrow(RangeError)
    expect(() => addWorkingDays('2025-10-01', 1.5)).toThrow(RangeError)
    expect(() => addWorkingDays('2025-10-01', 1e9)).toThrow(RangeError)
    expect(() => addWorkingDays('2025-02-30', 1)).toThrow(RangeError)
    expect(() => addWorkingDays('2025-9-1', 1)).toThrow(RangeError)
  })

  it('always lands on a working day that is exactly n working days away', () => {
    const startDay = Date.UTC(2004, 0, 1) / 86_400_000
    const endDay = Date.UTC(2032, 11, 31) / 86_400_000
    fc.assert(
      fc.property(
        fc.integer({ min: startDay, max: endDay }),
        fc.integer({ min: 0, max: 40 }),
        (day, n) => {
          const start = new Date(day * 86_400_000).toISOString().slice(0, 10)
          const result = addWorkingDays(start, n)
          if (n > 0) expect(isWorkingDay(result.date)).toBe(true)
          expect(workingDaysBetween(start, result.date).days).toBe(n)
          // The estimate flag is set exactly when a counted day lies in an unpublished year.
          const firstCounted = new Date((day + 1) * 86_400_000).getUTCFullYear()
          const lastCounted = Number(result.date.slice(0, 4))
          let touchesUnpublished = false
          for (let year = firstCounted; n > 0 && year <= lastCounted; year += 1) {
            if (!isYearCovered(year)) touchesUnpublished = true
          }
          expect(result.isEstimate).toBe(touchesUnpublished)
        },
      ),
    )
  })
})

describe('workingDaysBetween', () => {
  it('counts the working days after the first date up to and including the second', () => {
    expect(workingDaysBetween('2025-09-30', '2025-10-10')).toEqual({ days: 2, isEstimate: false })
    expect(workingDaysBetween('2026-02-13', '2026-02-28')).toEqual({ days: 6, isEstimate: false })
  })

  it('is negative when the second date comes first and zero for the same date', () => {
    expect(workingDaysBetween('2025-10-10', '2025-09-30').days).toBe(-2)
    expect(workingDaysBetween('2025-10-10', '2025-10-10').days).toBe(0)
  })

  it('flags a range reaching into an unpublished year', () => {
    expect(workingDaysBetween('2026-12-25', '2027-01-08').isEstimate).toBe(true)
  })
})

describe('chinaDate', () => {
  it('moves an instant after 16:00 UTC to the next China calendar day', () => {
    expect(chinaDate('2025-09-30T16:00:00.000Z')).toBe('2025-10-01')
    expect(chinaDate('2025-09-30T15:59:59.999Z')).toBe('2025-09-30')
  })

  it('reads instants written with an offset', () => {
    expect(chinaDate('2025-10-01T00:30:00+08:00')).toBe('2025-10-01')
    expect(chinaDate('2025-12-31T20:00:00-05:00')).toBe('2026-01-01')
  })

  it('refuses something that is not an instant', () => {
    expect(() => chinaDate('yesterday')).toThrow(RangeError)
  })

  it('answers every minute of a day as the date arithmetic does, asked once or again', () => {
    const start = Date.parse('2025-12-31T00:00:00.000Z')
    for (let minute = 0; minute < 2 * 24 * 60; minute += 7) {
      const instant = new Date(start + minute * 60_000)
      const expected = new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
      expect(chinaDate(instant.toISOString())).toBe(expected)
      expect(chinaDate(instant.toISOString().replace('.000Z', 'Z'))).toBe(expected)
    }
  })

  it('refuses an impossible UTC instant every time, also after a valid one of the same hour', () => {
    expect(chinaDate('2025-02-28T10:00:00.000Z')).toBe('2025-02-28')
    expect(() => chinaDate('2025-02-28T10:61:00.000Z')).toThrow(RangeError)
    expect(() => chinaDate('2025-02-28T25:00:00.000Z')).toThrow(RangeError)
    expect(() => chinaDate('2025-02-28T25:00:00.000Z')).toThrow(RangeError)
  })
})
