/**
 * The county's consultation clocks: the shortest period a consultation may
 * stay open (calendar days, 征求意见期限一般不少于30日) and the working days
 * the department has, after the close date, to answer every opinion. Both
 * are county settings; these are the defaults the device uses for its
 * optimistic view, and the server builds its kind from configuration.
 */
import { addWorkingDays, type WorkingDayResult } from '../calendar/working-days.ts'
import type { ConsultationData } from './consultation.schema.ts'
import type { OpinionData } from './opinion.schema.ts'

/** The county's consultation settings. */
export interface ConsultationRules {
  /** Calendar days from the open date to the close date, at least. */
  minPeriodDays: number
  /** Working days after the close date within which every opinion is answered. */
  answerWorkingDays: number
}

/** The defaults: 30 days open, answers within 15 working days after closing. */
export const DEFAULT_CONSULTATION_RULES: ConsultationRules = {
  minPeriodDays: 30,
  answerWorkingDays: 15,
}

const DAY_MS = 86_400_000

/** `date` plus `days` calendar days ('YYYY-MM-DD'). */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** The earliest close date a consultation opening on `opensOn` may have. */
export function earliestCloseDate(opensOn: string, rules: ConsultationRules): string {
  return addCalendarDays(opensOn, rules.minPeriodDays)
}

/** The day by which every opinion must be answered: closesOn + the county's answer days. */
export function answerDeadline(closesOn: string, rules: ConsultationRules): WorkingDayResult {
  return addWorkingDays(closesOn, rules.answerWorkingDays)
}

/** Throws a RangeError for a configuration no county can mean (checked at startup). */
export function assertConsultationRules(rules: ConsultationRules): void {
  const { minPeriodDays, answerWorkingDays } = rules
  if (!Number.isInteger(minPeriodDays) || minPeriodDays < 1 || minPeriodDays > 365) {
    throw new RangeError(`minPeriodDays must be an integer in [1, 365], got ${minPeriodDays}`)
  }
  if (!Number.isInteger(answerWorkingDays) || answerWorkingDays < 1 || answerWorkingDays > 120) {
    throw new RangeError(
      `answerWorkingDays must be an integer in [1, 120], got ${answerWorkingDays}`,
    )
  }
}

/** True when the opinion still waits for its answer: unanswered and not folded into a group. */
export function awaitsAnswer(opinion: Pick<OpinionData, 'answer'>): boolean {
  return opinion.answer === null
}

/**
 * True when an unanswered opinion of `consultation` is past the answer
 * deadline on China date `today` (shown on the department's work desk).
 */
export function isAnswerOverdue(
  consultation: Pick<ConsultationData, 'answersDue' | 'status'>,
  opinion: Pick<OpinionData, 'answer'>,
  today: string,
): boolean {
  const due = consultation.answersDue?.date
  const isAnswering = consultation.status === 'open' || consultation.status === 'closed'
  return isAnswering && due !== undefined && awaitsAnswer(opinion) && today > due
}
