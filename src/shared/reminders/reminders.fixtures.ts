/**
 * Hand-made records for the message rules' tests, in the desk tests' county
 * (desk.fixtures.ts): township 't1' (village 'v1' with grid 'g1', village
 * 'v2' with grid 'g9'), township 't2' and the department 'd1'. Today is
 * Friday 2026-11-27.
 */
import { STATUS_STAGE } from '../issue/issue.deadlines.ts'
import type { IssueStatus } from '../issue/issue.schema.ts'
import type {
  ReminderEvent,
  ReminderIssueData,
  ReminderMeetingData,
  ReminderRow,
  ReminderViewer,
} from './reminders.types.ts'

import { DEPARTMENT, GRID, TODAY, TOWNSHIP } from '../desk/desk.fixtures.ts'

// The same hand-made county as the desk's tests.
export { TODAY, TOWNSHIP, VILLAGE, GRID, OTHER_GRID, DEPARTMENT } from '../desk/desk.fixtures.ts'

/** A viewer of `role` at `orgPath`, user 'u-me', on `today`. */
export function viewer(
  role: ReminderViewer['role'],
  orgPath: string,
  today = TODAY,
): ReminderViewer {
  return { role, orgPath, userId: 'u-me', today }
}

type Step = Omit<ReminderEvent, 'id' | 'at' | 'actorId'> & { at?: string; actorId?: string }

/**
 * Report `id` logged by 'u-grid' in GRID with ledger `steps` (each by 'u-other'
 * at 09:00 China time today unless said), its status the last step's, its
 * current stage due on `due`.
 */
export function issueRow(
  id: string,
  steps: readonly Step[],
  due = '2026-12-31',
  overrides: Partial<ReminderIssueData> = {},
): ReminderRow<ReminderIssueData> {
  const events = steps.map((step, index) => ({
    actorId: 'u-other',
    at: '2026-11-27T01:00:00.000Z',
    ...step,
    id: String(index + 1),
  }))
  const status: IssueStatus = events.at(-1)?.toStatus ?? 'registered'
  const stage = STATUS_STAGE[status]
  const department = [...events].reverse().find((event) => event.action === 'dispatch')?.details
  return {
    id,
    data: {
      title: `说事${id}`,
      status,
      orgPath: GRID,
      reporterId: 'u-grid',
      escalatedToTownship: ['escalated', 'dispatched'].includes(status) ? TOWNSHIP : null,
      assignedDepartment: department?.department ?? null,
      deadlines: stage
        ? { [stage]: { startedOn: '2026-11-02', due, workingDays: 5, isEstimate: false } }
        : {},
      events,
      ...overrides,
    },
  }
}

export const REGISTER: Step = { action: 'register', toStatus: 'registered' }
export const ACCEPT: Step = { action: 'accept', toStatus: 'accepted' }
export const ESCALATE: Step = {
  action: 'escalate',
  toStatus: 'escalated',
  details: { township: TOWNSHIP },
}
export const DISPATCH: Step = {
  action: 'dispatch',
  toStatus: 'dispatched',
  details: { department: DEPARTMENT },
}

/** A discussion day planned at VILLAGE on `date`, inviting the mediators `userIds`. */
export function meetingRow(
  id: string,
  date: string,
  userIds: readonly string[],
  overrides: Partial<ReminderMeetingData> = {},
): ReminderRow<ReminderMeetingData> {
  return {
    id,
    data: {
      date,
      place: `${id}说事站`,
      status: 'planned',
      createdAt: '2026-11-20T02:00:00.000Z',
      mediators: userIds.map((userId) => ({ userId })),
      ...overrides,
    },
  }
}
