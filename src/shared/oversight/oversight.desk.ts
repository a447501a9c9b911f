/**
 * The oversight lines of the work desk (issue #18): villages whose deputy
 * visits are overdue (the deputy and the county), open self-correction
 * cases with their step deadlines (the departments, the supervision body,
 * the county), and review matters still waiting (contact points and the
 * review body). Read from the records the device holds — sync has already
 * scoped them — with cheap shape checks, so the desk loads no schema.
 */
import type { Role } from '../auth/roles.ts'
import type { DeputyPlanData, DeputyVisitData } from '../deputy/deputy.schema.ts'
import { visitPlanStatus } from '../deputy/visit-plan.ts'
import { workingDaysBetween } from '../calendar/working-days.ts'
import type { DeskCount } from '../desk/desk.types.ts'
import type { ReviewData } from './review.schema.ts'
import type { SelfCorrectionData } from './self-correction.schema.ts'
import { shapeCheck } from '../sync/record-kind.ts'

/** The record kinds the desk reads (their names, without loading the kinds). */
export const OVERSIGHT_DESK_KINDS = {
  plan: 'deputy_plan',
  visit: 'deputy_visit',
  case: 'self_correction',
  review: 'review_matter',
} as const

/** The fields of a plan the desk reads. */
export type DeskPlan = Pick<
  DeputyPlanData,
  'villages' | 'visitsPerPeriod' | 'periodMonths' | 'startsOn'
>
/** The fields of a visit the desk reads. */
export type DeskVisit = Pick<DeputyVisitData, 'planId' | 'villagePath' | 'visitedOn'>
/** The fields of a case the desk reads. */
export type DeskCase = Pick<SelfCorrectionData, 'status' | 'due'>
/** The fields of a review matter the desk reads. */
export type DeskReview = Pick<ReviewData, 'status'>

/** Cheap shape check of a stored plan, for the desk (see `shapeCheck`). */
export const isDeskPlan = shapeCheck<DeskPlan>({ number: ['periodMonths'], array: ['villages'] })
/** Cheap shape check of a stored visit, for the desk (see `shapeCheck`). */
export const isDeskVisit = shapeCheck<DeskVisit>({ string: ['planId', 'visitedOn'] })
/** Cheap shape check of a stored case, for the desk (see `shapeCheck`). */
export const isDeskCase = shapeCheck<DeskCase>({
  string: ['status'],
  array: ['steps'],
  present: ['due'],
})
/** Cheap shape check of a stored review matter, for the desk (see `shapeCheck`). */
export const isDeskReview = shapeCheck<DeskReview>({ string: ['status', 'stationPath'] })

/** What the oversight lines read: the records on the device. */
export interface OversightDeskInput {
  plans: readonly { id: string; data: DeskPlan }[]
  visits: readonly DeskVisit[]
  cases: readonly DeskCase[]
  reviews: readonly DeskReview[]
}

const plain = (count: number) => ({ count, overdueCount: 0, maxDaysLate: 0, nextDue: null })

/** The oversight lines for `role` on `today` (lines with nothing to count are left out). */
export function oversightDeskCounts(
  input: OversightDeskInput,
  role: Role,
  today: string,
): DeskCount[] {
  const counts: DeskCount[] = []
  if (role === 'deputy' || role === 'county_staff') {
    const overdue = input.plans.reduce((sum, plan) => {
      const visits = input.visits.filter((visit) => visit.planId === plan.id)
      const states = visitPlanStatus(plan.data, visits, today)
      return sum + states.filter((state) => state.state === 'overdue').length
    }, 0)
    if (overdue > 0) {
      counts.push({
        key: 'deputyVisitsOverdue',
        needs: role === 'deputy' ? 'deputy.visit' : 'deputy.plan',
        to: { path: '/deputies' },
        ...plain(overdue),
      })
    }
  }
  if (role === 'department_staff' || role === 'county_staff') {
    const open = input.cases.filter((entry) => entry.status === 'open')
    if (open.length > 0) {
      let overdueCount = 0
      let maxDaysLate = 0
      let nextDue: string | null = null
      for (const entry of open) {
        const due = entry.due?.due
        if (!due) continue
        if (today > due) {
          overdueCount += 1
          maxDaysLate = Math.max(maxDaysLate, workingDaysBetween(due, today).days)
        } else if (nextDue === null || due < nextDue) nextDue = due
      }
      counts.push({
        key: 'casesOpen',
        needs: role === 'department_staff' ? 'enforcement.correct' : null,
        to: { path: '/oversight/cases' },
        count: open.length,
        overdueCount,
        maxDaysLate,
        nextDue,
      })
    }
  }
  const waiting = input.reviews.filter(
    (entry) => entry.status === 'received' || entry.status === 'forwarded',
  ).length
  if (waiting > 0 && role !== 'deputy') {
    counts.push({
      key: 'reviewsWaiting',
      needs: null,
      to: { path: '/oversight/review' },
      ...plain(waiting),
    })
  }
  return counts
}
