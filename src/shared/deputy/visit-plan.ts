/**
 * Where a deputy stands against their contact plan, village by village:
 * periods are calendar blocks of `periodMonths` months (quarters by default:
 * Jan–Mar, Apr–Jun…), and each linked village is owed `visitsPerPeriod`
 * visits in each period that began on or after the plan's start (a plan
 * started mid-quarter owes nothing for that quarter's remainder, but counts
 * what was done in it). A village is overdue when the last full period fell
 * short and the current one has not yet made up the count; the deputy's phone
 * and the county both compute it from the synced plan and visits.
 */
import type { DeputyPlanData } from './deputy.schema.ts'

/** A village's standing in the current period. */
export type VisitState = 'done' | 'due' | 'overdue'

/** One linked village's standing. */
export interface VillageVisitStatus {
  villagePath: string
  villageName: string
  /** Visits the plan asks for in each period. */
  required: number
  /** Visits recorded in the current period. */
  visitsThisPeriod: number
  /** The current period, 'YYYY-MM-DD' both ends. */
  periodStart: string
  periodEnd: string
  /** The latest visit to the village, if any. */
  lastVisitedOn: string | null
  state: VisitState
}

/** What the status needs of a visit. */
export interface VisitDay {
  villagePath: string
  visitedOn: string
}

/** What the status needs of a plan. */
export type PlanTerms = Pick<
  DeputyPlanData,
  'villages' | 'visitsPerPeriod' | 'periodMonths' | 'startsOn'
>

const pad = (n: number) => String(n).padStart(2, '0')

/** The first day of the month `index` months after January of year 0 (UTC-free arithmetic). */
function monthStart(index: number): string {
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`
}

/** The last day of the month `index`. */
function monthEnd(index: number): string {
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${pad(month)}-${pad(days)}`
}

/** The period of `periodMonths` months containing `date` ('YYYY-MM-DD'). */
export function periodOf(date: string, periodMonths: number): { start: string; end: string } {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7)) - 1
  const first = year * 12 + month - (month % periodMonths)
  return { start: monthStart(first), end: monthEnd(first + periodMonths - 1) }
}

/** The period just before the one that starts on `start`. */
function previousPeriod(start: string, periodMonths: number): { start: string; end: string } {
  const index = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1
  return { start: monthStart(index - periodMonths), end: monthEnd(index - 1) }
}

/** Each linked village's standing on `today` ('YYYY-MM-DD', China time). */
export function visitPlanStatus(
  plan: PlanTerms,
  visits: readonly VisitDay[],
  today: string,
): VillageVisitStatus[] {
  const current = periodOf(today, plan.periodMonths)
  const previous = previousPeriod(current.start, plan.periodMonths)
  const isPreviousOwed = previous.start >= plan.startsOn
  return plan.villages.map((village) => {
    const days = visits
      .filter((visit) => visit.villagePath === village.path && visit.visitedOn <= today)
      .map((visit) => visit.visitedOn)
    const within = (period: { start: string; end: string }) =>
      days.filter((day) => day >= period.start && day <= period.end).length
    const visitsThisPeriod = within(current)
    const isDone = visitsThisPeriod >= plan.visitsPerPeriod
    const isOverdue = !isDone && isPreviousOwed && within(previous) < plan.visitsPerPeriod
    return {
      villagePath: village.path,
      villageName: village.name,
      required: plan.visitsPerPeriod,
      visitsThisPeriod,
      periodStart: current.start,
      periodEnd: current.end,
      lastVisitedOn: days.reduce<string | null>(
        (last, day) => (last && last > day ? last : day),
        null,
      ),
      state: isDone ? 'done' : isOverdue ? 'overdue' : 'due',
    }
  })
}

/** How many of the plan's villages are overdue on `today`. */
export function overdueVillageCount(
  plan: PlanTerms,
  visits: readonly VisitDay[],
  today: string,
): number {
  return visitPlanStatus(plan, visits, today).filter((status) => status.state === 'overdue').length
}
