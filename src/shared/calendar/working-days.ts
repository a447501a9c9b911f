/**
 * Working days (工作日) in mainland China: Monday–Friday, minus the statutory
 * holidays, plus the make-up working days (调休补班) that the State Council
 * publishes each year. The data comes from the maintained `chinese-days`
 * package; we import its published JSON table only (≈3 KB gzip) rather than
 * its API (≈8 KB gzip, mostly the lunar calendar), because the table is all
 * we need and it also tells us which years have published data.
 *
 * A year the table does not cover (next year's schedule is usually published
 * in November) is counted with the weekday rule and every answer that touched
 * such a year says so (`isEstimate: true`): a deadline is never silently guessed.
 *
 * All dates here are China calendar dates 'YYYY-MM-DD' (Asia/Shanghai, UTC+8
 * all year); `chinaDate` turns an ISO instant into one.
 */
import holidayTable from 'chinese-days/dist/chinese-days.json' with { type: 'json' }

/** Date → description ("National Day,国庆节,3"); only the keys matter here. */
const HOLIDAYS: Readonly<Record<string, string>> = holidayTable.holidays
const MAKE_UP_WORKDAYS: Readonly<Record<string, string>> = holidayTable.workdays

/** Every year with a published schedule: each has at least New Year's Day in the table. */
const COVERED_YEARS: readonly number[] = [
  ...new Set(Object.keys(HOLIDAYS).map((date) => Number(date.slice(0, 4)))),
].sort((a, b) => a - b)
const COVERED_YEAR_SET: ReadonlySet<number> = new Set(COVERED_YEARS)

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000
/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000
/** Guards loops against absurd inputs (about 27 years of days). */
const MAX_SPAN_DAYS = 10_000

/** A result computed with the weekday rule for at least one day outside the published years. */
export interface WorkingDayResult {
  /** The date found, 'YYYY-MM-DD'. */
  date: string
  /** True when a day in a year without published holiday data was involved. */
  isEstimate: boolean
}

/** A count of working days, with the same estimate flag as {@link WorkingDayResult}. */
export interface WorkingDayCount {
  /** Working days in the half-open range (from, to]; negative when `to` is before `from`. */
  days: number
  /** True when a day in a year without published holiday data was involved. */
  isEstimate: boolean
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; throws a RangeError on anything else. */
function toDayNumber(date: string): number {
  const match = DATE_PATTERN.exec(date)
  if (!match) throw new RangeError(`expected a date 'YYYY-MM-DD', got '${date}'`)
  const [, y, m, d] = match
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d))
  // Date.UTC rolls 2025-02-30 over to March: reject such dates instead.
  if (fromDayNumber(ms / DAY_MS) !== date) throw new RangeError(`not a calendar date: '${date}'`)
  return ms / DAY_MS
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear()
}

function isWorkingDayNumber(day: number): boolean {
  const date = fromDayNumber(day)
  if (MAKE_UP_WORKDAYS[date] !== undefined) return true
  if (HOLIDAYS[date] !== undefined) return false
  const weekday = new Date(day * DAY_MS).getUTCDay()
  return weekday >= 1 && weekday <= 5
}

/** The years (ascending) for which the holiday schedule is published in the bundled data. */
export function coveredYears(): readonly number[] {
  return COVERED_YEARS
}

/** True when `year`'s holidays and make-up working days are known; otherwise answers are estimates. */
export function isYearCovered(year: number): boolean {
  return COVERED_YEAR_SET.has(year)
}

/** '2025-09-30T16:00:00.000Z': the form the app and the server write instants in. */
const UTC_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/
/** 'YYYY-MM-DDTHH' of a valid UTC instant → its China date; about a year of hours at most. */
const CHINA_DATE_OF_HOUR = new Map<string, string>()
const CACHED_HOURS = 10_000

/**
 * The China calendar date (UTC+8) of an ISO instant: '2025-09-30T17:00:00Z'
 * is already '2025-10-01' in China. Throws a RangeError for an invalid instant.
 */
export function chinaDate(iso: string): string {
  // A ledger asks this a million times for 100,000 reports: a UTC instant's
  // China date depends on its date and hour alone, so those are looked up
  // once (minutes and seconds still checked by the pattern).
  const isUtc = UTC_INSTANT.test(iso)
  const hour = isUtc ? iso.slice(0, 13) : null
  const known = hour === null ? undefined : CHINA_DATE_OF_HOUR.get(hour)
  if (known !== undefined) return known
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: '${iso}'`)
  const date = new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10)
  if (hour !== null) {
    if (CHINA_DATE_OF_HOUR.size >= CACHED_HOURS) CHINA_DATE_OF_HOUR.clear()
    CHINA_DATE_OF_HOUR.set(hour, date)
  }
  return date
}

/**
 * True when `date` ('YYYY-MM-DD') is a working day: a make-up working day, or
 * a Monday–Friday that is not a statutory holiday. Outside the covered years
 * this is the plain weekday rule; check `isYearCovered` to know.
 */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(toDayNumber(date))
}

/**
 * The deadline that lies `n` working days after `start`. Convention (as in
 * Chinese administrative practice, "自…之日起N个工作日内"): the start day itself
 * is not counted, whatever it is; the result is the n-th working day after it.
 * So a matter registered on Tuesday 2025-09-30 with 2 working days is due on
 * Friday 2025-10-10: the National Day holiday (Oct 1–8) is skipped, Oct 9 is
 * the first working day. `n = 0` gives `start` itself.
 *
 * `isEstimate` is true when any day after `start` up to the result lies in a
 * year without published data (the weekday rule was used for it).
 * Throws a RangeError when `n` is not a non-negative integer.
 */
export function addWorkingDays(start: string, n: number): WorkingDayResult {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPAN_DAYS) {
    throw new RangeError(`working days must be an integer in [0, ${MAX_SPAN_DAYS}], got ${n}`)
  }
  let day = toDayNumber(start)
  let isEstimate = false
  let remaining = n
  while (remaining > 0) {
    day += 1
    if (!isYearCovered(yearOf(day))) isEstimate = true
    if (isWorkingDayNumber(day)) remaining -= 1
  }
  return { date: fromDayNumber(day), isEstimate }
}

/**
 * The number of working days after `from` up to and including `to` (the same
 * convention as `addWorkingDays`, so `workingDaysBetween(s, addWorkingDays(s, n).date).days === n`).
 * When `to` is before `from` the count is negative: −(working days after `to`
 * up to and including `from`). Equal dates give 0.
 */
export function workingDaysBetween(from: string, to: string): WorkingDayCount {
  const first = toDayNumber(from)
  const last = toDayNumber(to)
  if (last < first) {
    const reverse = workingDaysBetween(to, from)
    return { days: -reverse.days, isEstimate: reverse.isEstimate }
  }
  if (last - first > MAX_SPAN_DAYS) throw new RangeError(`range longer than ${MAX_SPAN_DAYS} days`)
  let days = 0
  let isEstimate = false
  for (let day = first + 1; day <= last; day += 1) {
    if (!isYearCovered(yearOf(day))) isEstimate = true
    if (isWorkingDayNumber(day)) days += 1
  }
  return { days, isEstimate }
}
