/**
 * Deadlines of an issue report: working days per stage, the stage whose clock
 * runs in each status, and whether a matter is overdue. The machine
 * (issue.machine.ts) starts a stage's clock when a transition enters it.
 */
import { addWorkingDays } from '../calendar/working-days.ts'
import type { IssueData, IssueStage, IssueStatus, StageDeadline } from './issue.schema.ts'

/** Working days allowed for each stage. */
export type StageDeadlineTable = Readonly<Record<IssueStage, number>>

/**
 * Default working days per stage: the village accepts within 2, handles
 * within 5, the township within 10, a county department replies within 15,
 * and the grid worker visits for feedback within 3. The county may configure
 * its own table; every function that computes a deadline takes it as a
 * parameter (see `createIssueKind`).
 */
export const DEFAULT_STAGE_DEADLINES: StageDeadlineTable = {
  accept: 2,
  village: 5,
  township: 10,
  department: 15,
  feedback: 3,
}

/**
 * The stage whose clock runs while an issue is in a status. Entering a status
 * of another stage starts that stage's clock (so a reopened or returned
 * matter gets a fresh deadline); end states have none.
 */
export const STATUS_STAGE: Readonly<Record<IssueStatus, IssueStage | null>> = {
  registered: 'accept',
  accepted: 'village',
  scheduled_for_meeting: 'village',
  escalated: 'township',
  dispatched: 'department',
  awaiting_feedback: 'feedback',
  closed: null,
  withdrawn: null,
  merged: null,
}

/**
 * The deadline of `stage` when it starts on `startedOn` ('YYYY-MM-DD', China
 * time). `tableVersion` is the county settings version the table came from
 * (0 or absent: the initial table, not recorded).
 */
export function stageDeadline(
  stage: IssueStage,
  startedOn: string,
  table: StageDeadlineTable,
  tableVersion = 0,
): StageDeadline {
  const workingDays = table[stage]
  const { date, isEstimate } = addWorkingDays(startedOn, workingDays)
  return {
    startedOn,
    due: date,
    workingDays,
    isEstimate,
    ...(tableVersion > 0 ? { tableVersion } : {}),
  }
}

/** The deadline of the stage the issue is in now, or null (end states, or none recorded). */
export function currentDeadline(
  data: Pick<IssueData, 'status' | 'deadlines'>,
): StageDeadline | null {
  const stage = STATUS_STAGE[data.status]
  return stage ? (data.deadlines[stage] ?? null) : null
}

/**
 * The report as its clock runs while the village has put it on the
 * livelihood list (issue #16.5): backed by an item that is on schedule
 * (`reportsHeldByList` in src/shared/livelihood/propagation.ts), the item is
 * its answer, so its accept or village stage has no running deadline. Above
 * the village the clock runs as before. The one place this rule lives: the
 * detail page, the inbox, the cards and the work desk all read it.
 */
export function stopVillageClock<T extends Pick<IssueData, 'status' | 'deadlines'>>(data: T): T {
  const stage = STATUS_STAGE[data.status]
  if (stage !== 'accept' && stage !== 'village') return data
  const running = { ...data.deadlines }
  delete running[stage]
  return { ...data, deadlines: running }
}

/**
 * True when the current stage's due date is before `today` ('YYYY-MM-DD',
 * China time — use `chinaDate(new Date().toISOString())`). The due date itself
 * is still in time. End states are never overdue. A report held by the
 * livelihood list (`isHeldByList`) is never overdue at village stage
 * (`stopVillageClock`).
 */
export function isOverdue(
  data: Pick<IssueData, 'status' | 'deadlines'>,
  today: string,
  isHeldByList = false,
): boolean {
  const deadline = currentDeadline(isHeldByList ? stopVillageClock(data) : data)
  return deadline !== null && today > deadline.due
}
