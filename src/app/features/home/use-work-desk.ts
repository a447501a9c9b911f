/**
 * The work desk's data on this device: the lean list rows of the records
 * the desk counts (live Dexie queries through `useListRows`; src/app/db/
 * list-rows.ts and desk-projections.ts), the capture draft, the signed-in
 * person's own outbox counts and the last successful sync, fed to the pure
 * rules of src/shared/desk. Nothing here asks the server, so the desk reads
 * the same without signal; and nothing loads the record kinds, their
 * schemas or the sync engine, so 首页 stays light on a slow phone.
 */
import { liveQuery } from 'dexie'
import { computed, onScopeDispose, shallowRef } from 'vue'
import { storeToRefs } from 'pinia'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { computeDesk } from '#shared/desk/desk.ts'
import type { Desk } from '#shared/desk/desk.types.ts'
import {
  DESK_KINDS,
  isDeskConsultation,
  isDeskOpinion,
  opinionsToAnswer,
} from '#shared/consultation/consultation.desk.ts'
import {
  isDeskCase,
  isDeskPlan,
  isDeskReview,
  isDeskVisit,
  OVERSIGHT_DESK_KINDS,
} from '#shared/oversight/oversight.desk.ts'
import { appDb } from '#app/db/app-db.ts'
import { isIssueListData } from '#app/db/list-rows.ts'
import {
  CAMPAIGN_ROWS,
  isCampaignListData,
  isMeetingListData,
  isPolicyListData,
  isPostEvaluationListData,
  MEETING_ROWS,
  POLICY_ROWS,
  POST_EVALUATION_ROWS,
} from '#app/db/desk-projections.ts'
import { useKindRows, useListRows } from '#app/records/use-kind-rows.ts'
import { useLivelihoodLinks } from '#app/records/use-livelihood-links.ts'
import { useAuthStore } from '#app/features/auth/index.ts'
import { useOwnOutboxCounts } from './use-own-outbox-counts.ts'

/**
 * The settings key of the capture form's draft (`DRAFT_KEY` in
 * features/issue/use-capture-form.ts, not imported: that would load the form).
 */
const CAPTURE_DRAFT_KEY = 'draft:issue'

/** The signed-in user's desk, kept current while the calling component lives. */
export function useWorkDesk() {
  const { me } = storeToRefs(useAuthStore())
  const own = useOwnOutboxCounts(() => me.value?.user.id ?? null)
  const issues = useListRows('issue', isIssueListData)
  const meetings = useListRows(MEETING_ROWS, isMeetingListData)
  const policies = useListRows(POLICY_ROWS, isPolicyListData)
  const campaigns = useListRows(CAMPAIGN_ROWS, isCampaignListData)
  const postEvaluations = useListRows(POST_EVALUATION_ROWS, isPostEvaluationListData)
  // The livelihood items, and what they do to the reports (held clocks, feedback visits).
  const livelihood = useLivelihoodLinks()
  /** The held reports' rows, by identity: the desk's issues are those rows' data. */
  const heldRows = computed(() => {
    const ids = livelihood.heldIds.value
    if (ids.size === 0) return null
    return new Set<object>(
      issues.rows.value.filter((row) => ids.has(row.id)).map((row) => row.data),
    )
  })
  // Opinions awaiting the department's answer (issue #15); the department's own device holds them.
  const consultations = useKindRows(DESK_KINDS.consultation, isDeskConsultation)
  const opinions = useKindRows(DESK_KINDS.opinion, isDeskOpinion)
  // Deputies' plans and visits, self-correction cases, review matters (issue #18).
  const plans = useKindRows(OVERSIGHT_DESK_KINDS.plan, isDeskPlan)
  const visits = useKindRows(OVERSIGHT_DESK_KINDS.visit, isDeskVisit)
  const cases = useKindRows(OVERSIGHT_DESK_KINDS.case, isDeskCase)
  const reviews = useKindRows(OVERSIGHT_DESK_KINDS.review, isDeskReview)

  const draftOwner = shallowRef<string | null>(null)
  const draftWatch = liveQuery(() => appDb.settings.get(CAPTURE_DRAFT_KEY)).subscribe((row) => {
    const value: unknown = row?.value
    draftOwner.value =
      typeof value === 'object' && value !== null && 'userId' in value ? String(value.userId) : null
  })
  onScopeDispose(() => draftWatch.unsubscribe())

  /** Today in China, fixed while the page is open (a desk left open overnight is refreshed by a visit). */
  const today = chinaDate(new Date().toISOString())

  const isLoaded = computed(
    () =>
      own.isLoaded.value &&
      issues.isLoaded.value &&
      meetings.isLoaded.value &&
      policies.isLoaded.value &&
      campaigns.isLoaded.value &&
      postEvaluations.isLoaded.value &&
      livelihood.isLoaded.value,
  )

  const desk = computed<Desk | null>(() => {
    const current = me.value
    if (!current || !isLoaded.value) return null
    return computeDesk(
      {
        issues: issues.rows.value.map((row) => row.data),
        meetings: meetings.rows.value,
        policies: policies.rows.value.map((row) => row.data),
        campaigns: campaigns.rows.value.map((row) => row.data),
        postEvaluations: postEvaluations.rows.value.map((row) => row.data),
        livelihoodItems: livelihood.items.value.map((row) => row.data),
        livelihood: {
          items: livelihood.items.value,
          reports: livelihood.turnedDownReports.value,
        },
        isHeldByList: heldRows.value ? (issue) => heldRows.value?.has(issue) === true : undefined,
        opinionsToAnswer: opinionsToAnswer(
          consultations.rows.value,
          opinions.rows.value.map((row) => row.data),
        ),
        oversight: {
          plans: plans.rows.value,
          visits: visits.rows.value.map((row) => row.data),
          cases: cases.rows.value.map((row) => row.data),
          reviews: reviews.rows.value.map((row) => row.data),
        },
        hasCaptureDraft: draftOwner.value === current.user.id,
        unsentCount: own.unsent.value,
        refusedCount: own.refused.value,
      },
      {
        userId: current.user.id,
        role: current.user.role,
        orgPath: current.orgUnit.path,
        today,
      },
    )
  })

  /**
   * When this device last heard everything from the server (ISO), null when
   * never, undefined until read: read from the device's sync state (which
   * the engine writes on each success), not the store's status, which is
   * empty for a moment after a reload and would say 尚未同步.
   */
  const lastSyncAt = shallowRef<string | null | undefined>(undefined)
  const syncWatch = liveQuery(() => appDb.syncMeta.get('state')).subscribe((state) => {
    lastSyncAt.value = state?.lastSuccessAt ?? null
  })
  onScopeDispose(() => syncWatch.unsubscribe())

  return { desk, today, lastSyncAt }
}
