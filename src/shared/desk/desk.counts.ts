/**
 * The desk's counting helpers: a count of issue reports with its lateness
 * (overdue ones, the worst delay in working days, the next due date), plain
 * counts, the per-stage overdue lines and the opinions awaiting an answer.
 * Used by the role desks in desk.ts.
 */
import { workingDaysBetween } from '../calendar/working-days.ts'
import { currentDeadline, isOverdue, STATUS_STAGE } from '../issue/issue.deadlines.ts'
import type { OpinionToAnswer } from '../consultation/consultation.desk.ts'
import type { IssueStage, IssueStatus } from '../issue/issue.schema.ts'
import type { DeskCount, DeskCountKey, DeskIssue, DeskLink } from './desk.types.ts'

/** End states: nothing waits on them (as `TERMINAL_STATUSES`, without loading the schema). */
export const ENDED: readonly IssueStatus[] = ['closed', 'withdrawn', 'merged']

/** Stages in the order a matter passes them (the order of the 逾期 lines). */
export const STAGE_ORDER: readonly IssueStage[] = [
  'accept',
  'village',
  'township',
  'department',
  'feedback',
]

/** Working days `due` lies before `today` (0 when not late). */
export function workingDaysLate(due: string, today: string): number {
  return today > due ? Math.max(workingDaysBetween(due, today).days, 0) : 0
}

/** True while a dissatisfied resident's matter is open again (as `isReopened` in issue.reopen.ts). */
export function isReopened(issue: DeskIssue): boolean {
  return issue.reopenCount > 0 && !ENDED.includes(issue.status)
}

export interface CountSpec {
  key: DeskCountKey
  needs: DeskCount['needs']
  to: DeskLink
  stage?: IssueStage
}

/** A count of issue reports with their lateness: overdue ones, the worst delay, the next due date. */
export function issueCount(
  spec: CountSpec,
  issues: readonly DeskIssue[],
  today: string,
): DeskCount {
  let overdueCount = 0
  let maxDaysLate = 0
  let nextDue: string | null = null
  for (const issue of issues) {
    const deadline = currentDeadline(issue)
    if (!deadline) continue
    if (today > deadline.due) {
      overdueCount += 1
      maxDaysLate = Math.max(maxDaysLate, workingDaysLate(deadline.due, today))
    } else if (nextDue === null || deadline.due < nextDue) {
      nextDue = deadline.due
    }
  }
  return { ...spec, count: issues.length, overdueCount, maxDaysLate, nextDue }
}

/** A count of things without a deadline. */
export function plainCount(spec: CountSpec, count: number): DeskCount {
  return { ...spec, count, overdueCount: 0, maxDaysLate: 0, nextDue: null }
}

export const ISSUES = '/issues'

/** The stages of a matter escalated beyond its village. */
export const ABOVE_VILLAGE: readonly IssueStage[] = ['township', 'department', 'feedback']

/** One line per stage holding overdue matters of `issues`, in stage order. */
export function overdueByStage(
  issues: readonly DeskIssue[],
  today: string,
  stages: readonly IssueStage[],
): DeskCount[] {
  const late = issues.filter((issue) => isOverdue(issue, today))
  return stages.flatMap((stage) => {
    const atStage = late.filter((issue) => STATUS_STAGE[issue.status] === stage)
    if (atStage.length === 0) return []
    const to = { path: ISSUES, query: { inbox: 'all', overdue: '1', stage } }
    return [issueCount({ key: 'overdueByStage', needs: null, to, stage }, atStage, today)]
  })
}

/** Opinions awaiting the department's answer, late past their consultation's answer days. */
export function opinionsCount(opinions: readonly OpinionToAnswer[], today: string): DeskCount {
  let overdueCount = 0
  let maxDaysLate = 0
  let nextDue: string | null = null
  for (const { due } of opinions) {
    if (due === null) continue
    if (today > due) {
      overdueCount += 1
      maxDaysLate = Math.max(maxDaysLate, workingDaysLate(due, today))
    } else if (nextDue === null || due < nextDue) nextDue = due
  }
  return {
    key: 'opinionsToAnswer',
    needs: 'consultation.manage',
    to: { path: '/consultations' },
    count: opinions.length,
    overdueCount,
    maxDaysLate,
    nextDue,
  }
}
