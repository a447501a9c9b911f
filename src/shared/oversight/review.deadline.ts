/**
 * The statutory deadline of an administrative-review application: 60 days
 * from the day the applicant knew or should have known of the act
 * (行政复议法 2023, art. 20). Calendar days, the day of knowledge not
 * counted; when the last day is a rest day or holiday, the period ends on
 * the next working day (民法典 art. 203, which the review law's periods
 * follow). Only the review body may accept a late application for a
 * legitimate reason, so a contact point records it and shows it late.
 */
import { isWorkingDay } from '../calendar/working-days.ts'

/** Calendar days the law allows after learning of the act. */
export const REVIEW_APPLICATION_DAYS = 60

const DAY_MS = 24 * 60 * 60 * 1000

/** `date` ('YYYY-MM-DD') plus `days` calendar days. */
function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** The last day to apply for a review of an act learned of on `learnedOn`. */
export function reviewApplicationDue(learnedOn: string): string {
  let due = addCalendarDays(learnedOn, REVIEW_APPLICATION_DAYS)
  // Bounded: the longest holiday run (Spring Festival, National Day) is 9 days.
  for (let guard = 0; guard < 15 && !isWorkingDay(due); guard += 1) due = addCalendarDays(due, 1)
  return due
}

/** Days left to apply on `today` (0 on the last day), or a negative count once the period ran out. */
export function reviewDaysLeft(learnedOn: string, today: string): number {
  const due = reviewApplicationDue(learnedOn)
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS)
}
