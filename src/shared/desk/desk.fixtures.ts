/**
 * Hand-made records for the desk's tests: a county 'c' with township 't1'
 * (villages 'v1', 'v2'; grids 'g1' under v1), township 't2', and the
 * department 'd1'. Today is Friday 2026-11-27.
 */
import { STATUS_STAGE } from '../issue/issue.deadlines.ts'
import type { IssueStage, IssueStatus } from '../issue/issue.schema.ts'
import type { DeskInput, DeskIssue, DeskRow } from './desk.types.ts'

export const TODAY = '2026-11-27'
export const COUNTY = '/c/'
export const TOWNSHIP = '/c/t1/'
export const OTHER_TOWNSHIP = '/c/t2/'
export const VILLAGE = '/c/t1/v1/'
export const GRID = '/c/t1/v1/g1/'
export const OTHER_GRID = '/c/t1/v2/g9/'
export const DEPARTMENT = '/c/d1/'

/** An issue in `status` at `orgPath`, its current stage due on `due`. */
export function issueAt(
  status: IssueStatus,
  due: string,
  overrides: Partial<DeskIssue> = {},
  stage?: IssueStage,
): DeskIssue {
  const current = stage ?? STATUS_STAGE[status]
  return {
    status,
    orgPath: GRID,
    reporterId: 'u-grid',
    escalatedToTownship: null,
    assignedDepartment: null,
    deadlines: current
      ? { [current]: { startedOn: '2026-11-02', due, workingDays: 5, isEstimate: false } }
      : {},
    reopenCount: 0,
    ...overrides,
  }
}

type MeetingRow = DeskInput['meetings'][number]

/** A discussion day at `orgPath` on `date`. */
export function meetingAt(
  id: string,
  date: string,
  overrides: Partial<MeetingRow['data']> = {},
): DeskRow<MeetingRow['data']> {
  return {
    id,
    data: {
      date,
      place: `${id}的说事站`,
      orgPath: VILLAGE,
      status: 'planned',
      mediators: [],
      ...overrides,
    },
  }
}

/** Nothing on the device. */
export function emptyInput(): DeskInput {
  return {
    issues: [],
    meetings: [],
    policies: [],
    campaigns: [],
    postEvaluations: [],
    hasCaptureDraft: false,
    unsentCount: 0,
    refusedCount: 0,
  }
}
