/**
 * The lean rows of the kinds the work desk counts besides issue reports
 * (discussion days, policies, campaigns, post-evaluations, livelihood items): only the fields
 * `computeDesk` reads (src/shared/desk/desk.types.ts), so 首页 never reads
 * or holds whole records — a discussion day's minutes and ledger, a policy's
 * text and sessions — and never loads the kinds' schemas (zod) to check them.
 *
 * Imports are type-only: this module is part of the device database's
 * chunk, which must not pull the record kinds in.
 */
import type { CAMPAIGN_KIND, POST_EVALUATION_KIND } from '#shared/assessment/assessment.kind.ts'
import type { CampaignData, PostEvaluationData } from '#shared/assessment/assessment.schema.ts'
import type { MEETING_KIND, MeetingData } from '#shared/meeting/meeting.schema.ts'
import type { POLICY_KIND } from '#shared/policy/policy.kind.ts'
import type { PolicyData } from '#shared/policy/policy.schema.ts'
import type { ListedItem } from '#shared/livelihood/propagation.ts'
import type {
  LIVELIHOOD_ITEM_KIND,
  LivelihoodItemData,
} from '#shared/livelihood/livelihood.schema.ts'
import type { Projection } from './list-rows.ts'

/** The kinds' names, checked against the kinds' own constants at compile time. */
export const MEETING_ROWS: typeof MEETING_KIND = 'meeting'
export const POLICY_ROWS: typeof POLICY_KIND = 'policy'
export const CAMPAIGN_ROWS: typeof CAMPAIGN_KIND = 'assessment_campaign'
export const POST_EVALUATION_ROWS: typeof POST_EVALUATION_KIND = 'post_evaluation'
export const LIVELIHOOD_ROWS: typeof LIVELIHOOD_ITEM_KIND = 'livelihood_item'

/** A discussion day as the desk reads it; of its invited mediators only who they are. */
export type MeetingListData = Pick<
  MeetingData,
  'date' | 'startTime' | 'place' | 'orgPath' | 'status'
> & {
  mediators: { userId?: string }[]
}

/** A policy as the desk reads it: whose it is, when its interpretation is due, when held. */
export type PolicyListData = Pick<PolicyData, 'issuingDepartment' | 'interpretationDeadline'> & {
  interpretations: { heldOn: string }[]
}

/** An assessment campaign as the desk reads it: open when, for which villages and grids. */
export type CampaignListData = Pick<
  CampaignData,
  'status' | 'villages' | 'grids' | 'opensOn' | 'closesOn'
>

/** A post-evaluation case as the desk reads it. */
export type PostEvaluationListData = Pick<PostEvaluationData, 'status' | 'issuingDepartment'>

/**
 * A livelihood item as the desk, the inbox and the cards read it: what its
 * deadlines need and what its source reports show of it (which reports,
 * the latest progress and reason, when it was returned or cancelled).
 */
export type LivelihoodListData = ListedItem['data']

type Guard<T> = (data: Record<string, unknown>) => data is T & Record<string, unknown>

const isString = (value: unknown): value is string => typeof value === 'string'

/** The shape check of a discussion day's row (for `useListRows`). */
export const isMeetingListData: Guard<MeetingListData> = (
  data,
): data is MeetingListData & Record<string, unknown> =>
  isString(data.date) && isString(data.status) && Array.isArray(data.mediators)

/** The shape check of a policy's row. */
export const isPolicyListData: Guard<PolicyListData> = (
  data,
): data is PolicyListData & Record<string, unknown> =>
  isString(data.issuingDepartment) &&
  typeof data.interpretationDeadline === 'object' &&
  data.interpretationDeadline !== null &&
  Array.isArray(data.interpretations)

/** The shape check of a campaign's row. */
export const isCampaignListData: Guard<CampaignListData> = (
  data,
): data is CampaignListData & Record<string, unknown> =>
  isString(data.status) && Array.isArray(data.villages) && Array.isArray(data.grids)

/** The shape check of a post-evaluation's row. */
export const isPostEvaluationListData: Guard<PostEvaluationListData> = (
  data,
): data is PostEvaluationListData & Record<string, unknown> =>
  isString(data.status) && isString(data.issuingDepartment)

/** The shape check of a livelihood item's row. */
export const isLivelihoodListData: Guard<LivelihoodListData> = (
  data,
): data is LivelihoodListData & Record<string, unknown> =>
  isString(data.status) &&
  isString(data.township) &&
  Array.isArray(data.progress) &&
  Array.isArray(data.delays) &&
  Array.isArray(data.sourceIssueIds) &&
  Array.isArray(data.events)

// The whole records' shape checks, as the kinds' own (`is*Data` in
// src/shared/<domain>/*.kind.ts), repeated here so this chunk stays free of them.

const meetingProjection: Projection<MeetingData> = {
  sortKey: (data) => data.date,
  isData: (data): data is MeetingData & Record<string, unknown> =>
    isString(data.date) && Array.isArray(data.topics) && Array.isArray(data.events),
  project: (data) => {
    const row: MeetingListData = {
      date: data.date,
      place: data.place,
      orgPath: data.orgPath,
      status: data.status,
      mediators: data.mediators.map((mediator) =>
        mediator.userId === undefined ? {} : { userId: mediator.userId },
      ),
    }
    if (data.startTime !== undefined) row.startTime = data.startTime
    return row
  },
}

const policyProjection: Projection<PolicyData> = {
  sortKey: (data) => data.registeredAt,
  isData: (data): data is PolicyData & Record<string, unknown> =>
    isString(data.issueDate) &&
    isString(data.documentNumber) &&
    isString(data.registeredAt) &&
    Array.isArray(data.interpretations),
  project: (data) =>
    ({
      issuingDepartment: data.issuingDepartment,
      interpretationDeadline: data.interpretationDeadline,
      interpretations: data.interpretations.map((session) => ({ heldOn: session.heldOn })),
    }) satisfies PolicyListData,
}

const campaignProjection: Projection<CampaignData> = {
  sortKey: (data) => data.openedAt,
  isData: (data): data is CampaignData & Record<string, unknown> =>
    isString(data.policyId) && Array.isArray(data.villages) && isString(data.openedAt),
  project: (data) =>
    ({
      status: data.status,
      villages: data.villages,
      grids: data.grids,
      opensOn: data.opensOn,
      closesOn: data.closesOn,
    }) satisfies CampaignListData,
}

const postEvaluationProjection: Projection<PostEvaluationData> = {
  sortKey: (data) => data.openedAt,
  isData: (data): data is PostEvaluationData & Record<string, unknown> =>
    isString(data.campaignId) && typeof data.finding === 'object' && isString(data.openedAt),
  project: (data) =>
    ({
      status: data.status,
      issuingDepartment: data.issuingDepartment,
    }) satisfies PostEvaluationListData,
}

const livelihoodProjection: Projection<LivelihoodItemData> = {
  sortKey: (data) => data.proposedAt,
  isData: (data): data is LivelihoodItemData & Record<string, unknown> =>
    isString(data.name) &&
    isString(data.township) &&
    isString(data.status) &&
    Array.isArray(data.sourceIssueIds) &&
    Array.isArray(data.events),
  // Only the last progress report and delay, and the last return and
  // cancellation of the ledger: the deadlines and the reports read no others.
  project: (data) =>
    ({
      name: data.name,
      sourceIssueIds: data.sourceIssueIds,
      returnReason: data.returnReason,
      cancelReason: data.cancelReason,
      mergedInto: data.mergedInto,
      events: (['return', 'cancel'] as const).flatMap((action) => {
        const last = data.events.filter((event) => event.action === action).at(-1)
        return last ? [{ action, at: last.at, note: '' }] : []
      }),
      status: data.status,
      township: data.township,
      submissionDue: data.submissionDue,
      submittedAt: data.submittedAt,
      plan: data.plan && {
        responsibleUnit: data.plan.responsibleUnit,
        plannedStart: data.plan.plannedStart,
        plannedCompletion: data.plan.plannedCompletion,
      },
      progress: data.progress
        .slice(-1)
        .map((entry) => ({ date: entry.date, percent: entry.percent, note: entry.note })),
      delays: data.delays.slice(-1).map((delay) => ({ newCompletion: delay.newCompletion })),
    }) satisfies LivelihoodListData,
}

/** The desk kinds' projections, by kind (PROJECTIONS in list-rows.ts registers them). */
export const DESK_PROJECTIONS = {
  [MEETING_ROWS]: meetingProjection,
  [POLICY_ROWS]: policyProjection,
  [CAMPAIGN_ROWS]: campaignProjection,
  [POST_EVALUATION_ROWS]: postEvaluationProjection,
  [LIVELIHOOD_ROWS]: livelihoodProjection,
}
