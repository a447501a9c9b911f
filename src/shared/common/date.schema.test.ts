import { describe, expect, it } from 'vitest'
import { calendarDate, computedDate, MAX_DATE, MIN_DATE } from './date.schema.ts'

describe('calendarDate', () => {
  const date = calendarDate()

  it.each(['2024-02-29', MIN_DATE, MAX_DATE, '2026-11-26'])('accepts %s', (value) => {
    expect(date.parse(value)).toBe(value)
  })

  it.each([
    ['a day that does not exist', '2025-02-30'],
    ['the 29th of February of a common year', '2025-02-29'],
    ['a 13th month', '2025-13-01'],
    ['year 0050', '0050-01-01'],
    ['a day before 2000', '1999-12-31'],
    ['a day after 2100', '2101-01-01'],
    ['a date with a time', '2025-01-01T00:00:00Z'],
    ['a five-digit year', '20250-01-01'],
    ['an empty string', ''],
  ])('refuses %s with a Chinese reason', (_name, value) => {
    const parsed = date.safeParse(value)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toMatch(/\p{Script=Han}/u)
  })

  it('narrows the range for a field that needs it', () => {
    const recent = calendarDate({ min: '2020-01-01', max: '2030-12-31' })
    expect(recent.safeParse('2019-12-31').error?.issues[0]?.message).toBe(
      '日期应在2020年至2030年之间',
    )
  })

  it('leaves a computed date (a deadline after the last valid day) a year of room', () => {
    expect(computedDate().parse('2101-01-28')).toBe('2101-01-28')
    expect(computedDate().safeParse('2102-01-01').success).toBe(false)
  })
})
