/**
 * When a livelihood item is late, counted in working days (工作日,
 * src/shared/calendar): the township's list past the county's submission
 * date, the county office's decision, the responsible unit's start, its
 * regular progress reports and its completion date (moved by each delay).
 * Each reason names the unit that must act, so the desk shows it to them.
 */
import { chinaDate, workingDaysBetween } from '../calendar/working-days.ts'
import type { LivelihoodItemData } from './livelihood.schema.ts'

/** The county's rules, in working days. */
/**
 * The fields of an item its deadlines read: the whole record, or the work
 * desk's lean row of it (src/app/db/desk-projections.ts).
 */
export type LivelihoodDeadlineData = Pick<
  LivelihoodItemData,
  'status' | 'township' | 'submissionDue' | 'submittedAt'
> & {
  plan: Pick<
    NonNullable<LivelihoodItemData['plan']>,
    'responsibleUnit' | 'plannedStart' | 'plannedCompletion'
  > | null
  progress: readonly { date: string }[]
  delays: readonly { newCompletion: string }[]
}

export interface LivelihoodDeadlineRules {
  /** The county office decides on a submitted item within this many working days. */
  decisionWorkingDays: number
  /** The responsible unit reports progress at least this often (and first after the planned start). */
  progressWorkingDays: number
}

/** The rules the county uses unless it sets its own. */
export const DEFAULT_LIVELIHOOD_DEADLINES: LivelihoodDeadlineRules = {
  decisionWorkingDays: 15,
  progressWorkingDays: 20,
}

/** The default month and day ('MM-DD') of the list's year by which a township submits it. */
export const DEFAULT_SUBMIT_BY = '03-31'

/** The date a township's list for `year` is due at the county office; `submitBy` is 'MM-DD'. */
export function submissionDueOf(year: number, submitBy: string = DEFAULT_SUBMIT_BY): string {
  return `${String(year).padStart(4, '0')}-${submitBy}`
}

/** Why an item is late, and who must act. */
export type LivelihoodOverdue =
  /** Planned on the list but not submitted by the due date: the township. */
  | 'submission'
  /** Submitted, no decision within the working days: the county office. */
  | 'decision'
  /** Accepted, planned start passed and no progress reported in time: the responsible unit. */
  | 'start'
  /** In progress, no progress reported for too long: the responsible unit. */
  | 'progress'
  /** Past its (possibly delayed) completion date and not completed: the responsible unit. */
  | 'completion'

/** The completion date now in force: the latest delay's, else the plan's. */
export function completionDue(data: LivelihoodDeadlineData): string | null {
  return data.delays.at(-1)?.newCompletion ?? data.plan?.plannedCompletion ?? null
}

/** True when `days` working days have passed after `from` by `today`. */
function isPast(from: string, today: string, days: number): boolean {
  return workingDaysBetween(from, today).days > days
}

/**
 * Every way the item is late on `today` ('YYYY-MM-DD', China time), empty
 * when it is not. Closed items (completed, merged, cancelled) are never late.
 */
export function livelihoodOverdue(
  data: LivelihoodDeadlineData,
  today: string,
  rules: LivelihoodDeadlineRules = DEFAULT_LIVELIHOOD_DEADLINES,
): LivelihoodOverdue[] {
  const reasons: LivelihoodOverdue[] = []
  const status = data.status
  if ((status === 'listed' || status === 'returned') && today > data.submissionDue) {
    reasons.push('submission')
  }
  if (status === 'submitted' && data.submittedAt !== null) {
    if (isPast(chinaDate(data.submittedAt), today, rules.decisionWorkingDays)) {
      reasons.push('decision')
    }
  }
  if ((status === 'accepted' || status === 'in_progress') && data.plan !== null) {
    const last = data.progress.at(-1)
    if (!last) {
      if (isPast(data.plan.plannedStart, today, rules.progressWorkingDays)) reasons.push('start')
    } else if (isPast(last.date, today, rules.progressWorkingDays)) {
      reasons.push('progress')
    }
    const due = completionDue(data)
    if (due !== null && today > due) reasons.push('completion')
  }
  return reasons
}

/**
 * On schedule: being carried out (or on its way to the county's plan) and
 * not late. A source report on the list is not overdue at village stage
 * while its item is on schedule (issue #16.5).
 */
export function isOnSchedule(
  data: LivelihoodDeadlineData,
  today: string,
  rules: LivelihoodDeadlineRules = DEFAULT_LIVELIHOOD_DEADLINES,
): boolean {
  const isClosed =
    data.status === 'merged' || data.status === 'cancelled' || data.status === 'returned'
  return !isClosed && livelihoodOverdue(data, today, rules).length === 0
}

/**
 * The items late on `today` whose lateness `viewer` must act on: a township
 * its unsubmitted list, the county office its pending decisions, the
 * responsible unit its start, progress and completion.
 */
export function overdueFor<Item extends LivelihoodDeadlineData>(
  items: readonly Item[],
  viewer: { role: string; orgPath: string },
  today: string,
): Item[] {
  return items.filter((item) =>
    livelihoodOverdue(item, today).some((reason) => {
      if (reason === 'submission') return item.township === viewer.orgPath
      if (reason === 'decision') return viewer.role === 'county_staff'
      return item.plan?.responsibleUnit === viewer.orgPath
    }),
  )
}
