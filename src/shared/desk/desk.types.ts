/**
 * What the work desk (首页, issue #14.1) reads and what it shows. The desk is
 * computed on the device from the records it holds, so the inputs are the
 * fields of the synced records it needs (type-only imports: no schema code
 * enters the desk's bundle), plus what only the device knows (drafts, the
 * outbox).
 */
import type { LivelihoodDeadlineData } from '../livelihood/livelihood.deadlines.ts'
import type { Permission } from '../auth/permissions.ts'
import type { Role } from '../auth/roles.ts'
import type { CampaignData, PostEvaluationData } from '../assessment/assessment.schema.ts'
import type { IssueData, IssueStage } from '../issue/issue.schema.ts'
import type { InvitedMediator, MeetingData } from '../meeting/meeting.schema.ts'
import type { PolicyData } from '../policy/policy.schema.ts'
import type { OpinionToAnswer } from '../consultation/consultation.desk.ts'
import type { FeedbackReport, SourceItem } from '../livelihood/propagation.ts'
import type { OversightDeskInput } from '../oversight/oversight.desk.ts'

/** Who looks at the desk, and on which China date ('YYYY-MM-DD'). */
export interface DeskViewer {
  userId: string
  role: Role
  /** The path of the viewer's unit: their scope, and their department for department staff. */
  orgPath: string
  today: string
}

/** The fields of an issue report the desk counts by. */
export type DeskIssue = Pick<
  IssueData,
  | 'status'
  | 'orgPath'
  | 'reporterId'
  | 'escalatedToTownship'
  | 'assignedDepartment'
  | 'deadlines'
  | 'reopenCount'
>

/** A record the desk may link to: its id and the fields read. */
export interface DeskRow<T> {
  id: string
  data: T
}

/** The records on the device and what only the device knows. */
export interface DeskInput {
  issues: readonly DeskIssue[]
  meetings: readonly DeskRow<
    Pick<MeetingData, 'date' | 'startTime' | 'place' | 'orgPath' | 'status'> & {
      /** Of the invited mediators, only who they are. */
      mediators: readonly Pick<InvitedMediator, 'userId'>[]
    }
  >[]
  policies: readonly (Pick<PolicyData, 'issuingDepartment' | 'interpretationDeadline'> & {
    interpretations: readonly Pick<PolicyData['interpretations'][number], 'heldOn'>[]
  })[]
  campaigns: readonly Pick<CampaignData, 'status' | 'villages' | 'grids' | 'opensOn' | 'closesOn'>[]
  postEvaluations: readonly Pick<PostEvaluationData, 'status' | 'issuingDepartment'>[]
  /** Opinions of consultations awaiting their answer (issue #15); absent counts none. */
  opinionsToAnswer?: readonly OpinionToAnswer[]
  /**
   * True for a report whose village clock the livelihood list holds
   * (`reportsHeldByList`, src/shared/livelihood/propagation.ts): no line
   * counts it late at accept or village stage. Absent: none is held.
   */
  isHeldByList?: (issue: DeskIssue) => boolean
  /** Livelihood items (民生实事) on the device; absent: not counted. */
  livelihoodItems?: readonly LivelihoodDeadlineData[]
  /** Oversight records on the device (issue #18, oversight.desk.ts); absent: not counted. */
  oversight?: OversightDeskInput
  /** A capture (登记) draft of this user is kept on the device. */
  hasCaptureDraft: boolean
  /** This user's changes waiting to be sent. */
  unsentCount: number
  /** This user's changes the server refused (sent back to correct). */
  refusedCount: number
  /**
   * Livelihood items on the device and the source reports of those returned
   * or cancelled (with their ids and last change), for the grid worker's
   * feedback visits (src/shared/livelihood/propagation.ts). Absent: none.
   */
  livelihood?: {
    items: readonly SourceItem[]
    reports: readonly (FeedbackReport & { orgPath: string })[]
  }
}

/** Where a count leads: a list page and its filters (route query). */
export interface DeskLink {
  path: string
  query?: Record<string, string | string[]>
}

/** The names of the desk's counts (i18n keys under `desk.count`). */
export type DeskCountKey =
  | 'captureDraft'
  | 'unsent'
  | 'refused'
  | 'feedbackDue'
  | 'listFeedbackDue'
  | 'openCampaigns'
  | 'toAccept'
  | 'overdueAtVillage'
  | 'fixedDayToPlan'
  | 'minutesToSignOff'
  | 'escalatedToUs'
  | 'toDispatch'
  | 'overdueByStage'
  | 'reopened'
  | 'dispatchedToUs'
  | 'interpretationDue'
  | 'postEvaluationsToConclude'
  | 'opinionsToAnswer'
  | 'dispatchQueue'
  | 'overdueInCounty'
  | 'openPostEvaluations'
  | 'invitedDays'
  | 'livelihoodOverdue'
  | 'deputyVisitsOverdue'
  | 'casesOpen'
  | 'reviewsWaiting'

/** One line of the desk: how many, how many of them are late, and where to see them. */
export interface DeskCount {
  key: DeskCountKey
  /** For `overdueByStage`: which stage the line counts. */
  stage?: IssueStage
  count: number
  /** How many of `count` are past their deadline. */
  overdueCount: number
  /** The most working days any of them is late (0 when none is). */
  maxDaysLate: number
  /** The nearest due date among those not yet late ('YYYY-MM-DD'), when they have one. */
  nextDue: string | null
  /**
   * The permission the action waiting behind this count needs (null: a list
   * to read, no action); a role without it never sees the count.
   */
  needs: Permission | null
  to: DeskLink
}

/** A discussion day on the desk (the grid's next day, a mediator's invitations). */
export interface DeskDay {
  id: string
  date: string
  startTime: string | null
  place: string
}

/** The whole desk of one viewer. */
export interface Desk {
  counts: DeskCount[]
  /** The next discussion day of the grid worker's village (null: none planned). */
  nextDay: DeskDay | null
  /** The days a mediator is invited to, soonest first. */
  invitedDays: DeskDay[]
}
