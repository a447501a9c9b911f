/**
 * What the message centre (消息, issue #21.1) reads and what it shows. The
 * messages are derived on the device from the synced records it already
 * holds (nothing extra is synced), so the inputs are the few fields of those
 * records the rules read (type-only imports: no schema code enters the
 * message centre's bundle).
 */
import type { Role } from '../auth/roles.ts'
import type { IssueData, IssueEvent, IssueStage } from '../issue/issue.schema.ts'
import type { MeetingData } from '../meeting/meeting.schema.ts'

/** Who reads the messages, and on which China date ('YYYY-MM-DD'). */
export interface ReminderViewer {
  userId: string
  role: Role
  /** The path of the viewer's unit: their grid, village, township or department. */
  orgPath: string
  today: string
}

/**
 * A ledger entry as the rules read it. Only `details.township` and
 * `details.department` are read (where an escalation or a dispatch went).
 */
export type ReminderEvent = Pick<IssueEvent, 'id' | 'action' | 'toStatus' | 'actorId' | 'at'> & {
  details?: Readonly<Partial<Record<'township' | 'department', string>>>
}

/**
 * An issue report as the rules read it. `events` may be the whole ledger or
 * only its latest entries (the device's lean rows keep the latest few):
 * a message is made from each entry given.
 */
export type ReminderIssueData = Pick<
  IssueData,
  'title' | 'status' | 'orgPath' | 'reporterId' | 'escalatedToTownship' | 'assignedDepartment'
> & {
  /** Only the deadline of the current stage is read. */
  deadlines: IssueData['deadlines']
  events: readonly ReminderEvent[]
}

/** A discussion day as the rules read it: of its invited mediators, only who they are. */
export type ReminderMeetingData = Pick<MeetingData, 'date' | 'place' | 'status'> & {
  startTime?: string | undefined
  createdAt?: string | undefined
  mediators: readonly { userId?: string | undefined }[]
}

/** A record the rules read, with its id. */
export interface ReminderRow<T> {
  id: string
  data: T
}

/** The records on the device. */
export interface ReminderInput {
  issues: readonly ReminderRow<ReminderIssueData>[]
  meetings: readonly ReminderRow<ReminderMeetingData>[]
  /**
   * True for a report whose village clock the livelihood list holds
   * (`reportsHeldByList`): it has no running deadline at accept or village
   * stage, so it is neither due nor overdue there. Absent: none is held.
   */
  isHeldByList?: (issueId: string) => boolean
}

/** The ledger actions that can make a message (the others never do). */
export const REMINDER_ACTIONS: readonly IssueEvent['action'][] = [
  'register',
  'escalate',
  'dispatch',
  'return_to_village',
  'return_to_township',
  'resolve_locally',
  'resolve_by_township',
  'reply',
  'feedback',
]

/** The rules, one per kind of message (i18n keys under `messages.kind`). */
export const REMINDER_KINDS = [
  'assigned',
  'returned',
  'reopened',
  'answered',
  'dueSoon',
  'overdue',
  'invited',
] as const
/** The kind of a message. */
export type ReminderKind = (typeof REMINDER_KINDS)[number]

/** One message. */
export interface Reminder {
  /**
   * Stable across recomputations and devices: the read state is kept by it.
   * A new event, a new deadline or a rescheduled day gives a new id.
   */
  id: string
  kind: ReminderKind
  /** Where the message leads: `/issues/<id>` or `/meetings/<id>`. */
  path: string
  /** The report's title or the day's place. */
  title: string
  /** When it happened (an event's time, a deadline's day): the order of the list, newest first. */
  at: string
  /** For deadlines: the stage and its due date; for invitations: the day's date. */
  stage?: IssueStage
  due?: string
  /** For `overdue`: working days past the due date. */
  daysLate?: number
  /** For `assigned`, `returned`, `reopened`, `answered`: the ledger action behind it. */
  action?: ReminderEvent['action']
}

/** The desk's daily summary of the messages. */
export interface ReminderSummary {
  unread: number
  /** Deadlines due within one working day (today or the next working day). */
  dueSoon: number
  overdue: number
  /** Messages of events that happened today (China time). */
  today: number
}
