/**
 * The rules of the message centre (消息, issue #21.1): pure functions of the
 * records on the device, the viewer and today's China date. A message is
 * made for
 * - a new matter for the viewer's unit: a report registered in the village
 *   (village cadres), escalated to the township, dispatched to the department;
 * - a matter returned (退回) to the viewer's unit, or reopened (重办) by a
 *   dissatisfied resident into it;
 * - an answer to a report the viewer logged, or to one of their grid (so the
 *   grid worker visits the resident);
 * - a deadline of a matter waiting on the viewer due within one working day,
 *   or past due;
 * - an invitation to a discussion day (mediators).
 * Nobody is told of their own step. Event messages older than
 * `REMINDER_WINDOW_DAYS` drop off; deadline messages last while the matter
 * waits on the viewer.
 */
import { chinaDate, isWorkingDay, workingDaysBetween } from '../calendar/working-days.ts'
import { currentDeadline, STATUS_STAGE, stopVillageClock } from '../issue/issue.deadlines.ts'
import { isWithin, pathIds } from '../org/org-path.ts'
import type { IssueStatus } from '../issue/issue.schema.ts'
import type {
  Reminder,
  ReminderEvent,
  ReminderInput,
  ReminderIssueData,
  ReminderKind,
  ReminderRow,
  ReminderSummary,
  ReminderViewer,
} from './reminders.types.ts'

/** Calendar days an event's message stays in the list. */
export const REMINDER_WINDOW_DAYS = 30

const DAY_MS = 86_400_000

/** The instant a China date begins, ISO (UTC). */
function dayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString()
}

/** `date` moved by `days` calendar days. */
function shiftDate(date: string, days: number): string {
  return chinaDate(new Date(Date.parse(`${date}T12:00:00+08:00`) + days * DAY_MS).toISOString())
}

/** The working day before `date` (the day a due-tomorrow reminder starts). */
function previousWorkingDay(date: string): string {
  let day = shiftDate(date, -1)
  // A run of holidays is at most about ten days (Spring Festival with its weekends).
  for (let guard = 0; guard < 30 && !isWorkingDay(day); guard += 1) day = shiftDate(day, -1)
  return day
}

/**
 * "/county/township/" of a report's home (as `townshipPathOf` in
 * issue.reopen.ts, which would load the issue schema and zod).
 */
function townshipPathOf(home: string): string {
  const [county, township] = pathIds(home)
  return `/${county ?? ''}/${township ?? ''}/`
}

/** Which unit a matter waits on in a status, and the role that acts for that unit. */
type Holder =
  | { tier: 'grid' }
  | { tier: 'village' }
  | { tier: 'township'; path: string }
  | { tier: 'department'; path: string }
  | null

function holderOf(status: IssueStatus, township: string, department: string | null): Holder {
  switch (STATUS_STAGE[status]) {
    case 'accept':
    case 'village':
      return { tier: 'village' }
    case 'township':
      return { tier: 'township', path: township }
    case 'department':
      return department ? { tier: 'department', path: department } : null
    case 'feedback':
      return { tier: 'grid' }
    default:
      return null
  }
}

/** True when `viewer` acts for `holder` on a matter whose home is `home`. */
function actsFor(holder: Holder, home: string, viewer: ReminderViewer): boolean {
  if (!holder) return false
  switch (holder.tier) {
    case 'grid':
      return viewer.role === 'grid_worker' && isWithin(home, viewer.orgPath)
    case 'village':
      return viewer.role === 'village_cadre' && isWithin(home, viewer.orgPath)
    case 'township':
      return viewer.role === 'township_staff' && viewer.orgPath === holder.path
    case 'department':
      return viewer.role === 'department_staff' && viewer.orgPath === holder.path
  }
}

/** The kind of message an event makes for whoever holds the matter after it, if any. */
function eventKind(event: ReminderEvent): ReminderKind | null {
  switch (event.action) {
    case 'register':
    case 'escalate':
    case 'dispatch':
      return 'assigned'
    case 'return_to_village':
    case 'return_to_township':
      return 'returned'
    case 'resolve_locally':
    case 'resolve_by_township':
    case 'reply':
      return 'answered'
    case 'feedback':
      return event.toStatus === 'closed' ? null : 'reopened'
    default:
      return null
  }
}

/** The messages of one report's ledger entries. */
function eventReminders(
  row: ReminderRow<ReminderIssueData>,
  viewer: ReminderViewer,
  since: string,
): Reminder[] {
  const { data } = row
  const township = townshipPathOf(data.orgPath)
  // Where the matter was dispatched, as of each entry: a reopened matter goes
  // back to the department of the latest dispatch.
  let department = data.events.some((event) => event.action === 'dispatch')
    ? null
    : data.assignedDepartment
  const reminders: Reminder[] = []
  for (const event of data.events) {
    if (event.action === 'dispatch') department = event.details?.department ?? department
    const kind = eventKind(event)
    if (!kind || event.actorId === viewer.userId || chinaDate(event.at) < since) continue
    const isForViewer =
      kind === 'answered'
        ? data.reporterId === viewer.userId || actsFor({ tier: 'grid' }, data.orgPath, viewer)
        : actsFor(holderOf(event.toStatus, township, department), data.orgPath, viewer)
    if (!isForViewer) continue
    reminders.push({
      id: `issue:${row.id}:${event.id}`,
      kind,
      path: `/issues/${row.id}`,
      title: data.title,
      at: event.at,
      action: event.action,
    })
  }
  return reminders
}

/** The deadline message of a report waiting on the viewer, if its deadline is near or past. */
function deadlineReminder(
  row: ReminderRow<ReminderIssueData>,
  viewer: ReminderViewer,
  isHeld: boolean,
): Reminder | null {
  const { data } = row
  const holder = holderOf(data.status, townshipPathOf(data.orgPath), data.assignedDepartment)
  if (!actsFor(holder, data.orgPath, viewer)) return null
  const stage = STATUS_STAGE[data.status]
  const deadline = currentDeadline(isHeld ? stopVillageClock(data) : data)
  if (!stage || !deadline) return null
  const { due } = deadline
  const { today } = viewer
  const base = { path: `/issues/${row.id}`, title: data.title, stage, due }
  if (today > due) {
    return {
      ...base,
      id: `issue:${row.id}:overdue:${stage}:${due}`,
      kind: 'overdue',
      at: dayStart(shiftDate(due, 1)),
      daysLate: workingDaysBetween(due, today).days,
    }
  }
  // Due today (0) or on the next working day (1): a weekend or holiday between counts nothing.
  if (workingDaysBetween(today, due).days > 1) return null
  return {
    ...base,
    id: `issue:${row.id}:due:${stage}:${due}`,
    kind: 'dueSoon',
    at: dayStart(previousWorkingDay(due)),
  }
}

/** The invitations of a mediator to days still ahead. */
function invitations(input: ReminderInput, viewer: ReminderViewer): Reminder[] {
  return input.meetings
    .filter(
      ({ data }) =>
        data.status === 'planned' &&
        data.date >= viewer.today &&
        data.mediators.some((mediator) => mediator.userId === viewer.userId),
    )
    .map(({ id, data }) => ({
      // A day moved to another date invites anew.
      id: `meeting:${id}:invited:${data.date}`,
      kind: 'invited',
      path: `/meetings/${id}`,
      title: data.place,
      at: data.createdAt ?? dayStart(data.date),
      due: data.date,
    }))
}

/**
 * Every message of `viewer` over `input`, newest first (ties by id, so the
 * order is stable).
 */
export function deriveReminders(input: ReminderInput, viewer: ReminderViewer): Reminder[] {
  const since = shiftDate(viewer.today, -REMINDER_WINDOW_DAYS)
  const reminders: Reminder[] = []
  for (const row of input.issues) {
    reminders.push(...eventReminders(row, viewer, since))
    const deadline = deadlineReminder(row, viewer, input.isHeldByList?.(row.id) === true)
    if (deadline) reminders.push(deadline)
  }
  reminders.push(...invitations(input, viewer))
  return reminders.sort((a, b) =>
    a.at === b.at ? a.id.localeCompare(b.id) : Date.parse(b.at) - Date.parse(a.at),
  )
}

/** The desk's daily summary: unread messages, deadlines near and past, today's events. */
export function summarizeReminders(
  reminders: readonly Reminder[],
  readIds: ReadonlySet<string>,
  today: string,
): ReminderSummary {
  const summary: ReminderSummary = { unread: 0, dueSoon: 0, overdue: 0, today: 0 }
  for (const reminder of reminders) {
    if (!readIds.has(reminder.id)) summary.unread += 1
    if (reminder.kind === 'dueSoon') summary.dueSoon += 1
    else if (reminder.kind === 'overdue') summary.overdue += 1
    else if (chinaDate(reminder.at) === today) summary.today += 1
  }
  return summary
}

/**
 * The messages of `now` not in `known`: what a system notification tells
 * (the caller keeps `known` from its previous computation).
 */
export function newReminders(
  now: readonly Reminder[],
  known: ReadonlySet<string>,
  readIds: ReadonlySet<string>,
): Reminder[] {
  return now.filter((reminder) => !known.has(reminder.id) && !readIds.has(reminder.id))
}
