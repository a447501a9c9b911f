/**
 * Dates that people type: real calendar days ('2025-02-30' is refused) in a
 * range that makes sense for the county's records, so that a slip such as
 * year 0050 is refused at the form and at the server instead of reaching the
 * working-day calendar, the ledger or the database.
 */
import { z } from 'zod'

/** The earliest date a record may carry. */
export const MIN_DATE = '2000-01-01'
/** The latest date a record may carry. */
export const MAX_DATE = '2100-12-31'

/** Options of a date field. */
export interface DateOptions {
  /** Earliest accepted day, 'YYYY-MM-DD'; MIN_DATE by default. */
  min?: string
  /** Latest accepted day, 'YYYY-MM-DD'; MAX_DATE by default. */
  max?: string
  /** The message of a date that is malformed or no real day. */
  error?: string
}

/** A calendar date 'YYYY-MM-DD' (China time) that exists and lies in [min, max]. */
export function calendarDate({ min = MIN_DATE, max = MAX_DATE, error }: DateOptions = {}) {
  return z.iso
    .date({ error: error ?? '日期格式不正确' })
    .refine(
      (date) => date >= min && date <= max,
      `日期应在${min.slice(0, 4)}年至${max.slice(0, 4)}年之间`,
    )
}

/** A calendar date 'YYYY-MM-DD' (China time) between MIN_DATE and MAX_DATE. */
export const isoDateSchema = calendarDate()

/**
 * A date computed from an input date, such as a deadline some working days
 * after MAX_DATE: the same rule with a year more of room, so that a valid
 * input never yields a stored state the schema refuses.
 */
export function computedDate() {
  return calendarDate({ max: '2101-12-31' })
}
