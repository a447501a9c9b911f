/**
 * Discussion days and the mediator pool on this device: live views of the
 * `records` table (kinds 'meeting', 'mediator', and the 'issue' reports a
 * day takes as topics), and the changes the screens make. A change that
 * touches issue reports (planning schedules its topics; an outcome resolves
 * or escalates one) is saved together with the day's change in one Dexie
 * transaction, and each issue's own state machine decides on the device and
 * again on the server. Loaded only by the lazy meeting pages.
 */
import { defineStore, storeToRefs } from 'pinia'
import { liveQuery } from 'dexie'
import { computed, onScopeDispose, shallowRef } from 'vue'
import { showFailToast, showSuccessToast } from 'vant'
import 'vant/es/toast/style'
import { can } from '#shared/auth/permissions.ts'
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import type { IssueData } from '#shared/issue/issue.schema.ts'
import { MEDIATOR_KIND } from '#shared/meeting/mediator.kind.ts'
import type { MediatorData } from '#shared/meeting/mediator.schema.ts'
import { MEETING_KIND } from '#shared/meeting/meeting.kind.ts'
import { POLICY_KIND } from '#shared/policy/policy.kind.ts'
import type { PolicyData } from '#shared/policy/policy.schema.ts'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { participationCounts } from '#shared/meeting/meeting.rules.ts'
import type {
  MeetingCreateInput,
  MeetingData,
  MeetingRecordInput,
} from '#shared/meeting/meeting.schema.ts'
import { MutationRejection, type Viewer } from '#shared/sync/record-kind.ts'
import { appDb, type LocalRecord } from '#app/db/app-db.ts'
import { StorageFullError } from '#app/sync/errors.ts'
import type { ChangeInput } from '#app/sync/local-store.ts'
import { i18n } from '#app/i18n/index.ts'
import { useAuthStore } from '#app/features/auth/index.ts'
import { useOrgUnitsStore } from '#app/features/org/index.ts'
import { useSyncStore } from '#app/features/sync/index.ts'

/** A record of one kind as the screens list it. */
export interface Row<T> {
  id: string
  data: T
  hasPending: boolean
}

/** Cheap shape checks instead of zod parses: the kind's apply or the server made these. */
const isMeeting = (data: LocalRecord['data']): data is MeetingData =>
  typeof data.date === 'string' && Array.isArray(data.topics) && Array.isArray(data.events)
const isMediator = (data: LocalRecord['data']): data is MediatorData =>
  typeof data.name === 'string' && Array.isArray(data.expertise) && typeof data.level === 'string'
const isIssue = (data: LocalRecord['data']): data is IssueData =>
  typeof data.status === 'string' && typeof data.title === 'string' && Array.isArray(data.events)

const isPolicy = (data: LocalRecord['data']): data is PolicyData =>
  typeof data.issueDate === 'string' &&
  typeof data.documentNumber === 'string' &&
  Array.isArray(data.interpretations)

function watchKind<T extends LocalRecord['data']>(
  kind: string,
  guard: (data: LocalRecord['data']) => data is T,
) {
  const rows = shallowRef<Row<T>[]>([])
  const subscription = liveQuery(() =>
    appDb.records.where('kind').equals(kind).toArray(),
  ).subscribe((records) => {
    const next: Row<T>[] = []
    for (const record of records) {
      if (guard(record.data))
        next.push({ id: record.id, data: record.data, hasPending: record.hasPending === 1 })
    }
    rows.value = next
  })
  onScopeDispose(() => subscription.unsubscribe())
  return rows
}

/** Shows the Chinese reason of a refusal the person can act on; rethrows anything else. */
function explainFailure(error: unknown): void {
  if (error instanceof StorageFullError || error instanceof MutationRejection) {
    showFailToast({ message: error.message, wordBreak: 'normal' })
    return
  }
  throw error
}

/** A topic's outcome as the record page hands it over, with the text the issue will carry. */
export interface OutcomeChange {
  issueId: string
  outcome: 'resolved' | 'escalated'
  text: string
}

/** What the pool screen records on a member. */
export type MediatorEntryOp = 'add_training' | 'add_assessment' | 'add_honour'

export const useMeetingStore = defineStore('meeting', () => {
  const { me } = storeToRefs(useAuthStore())
  const meetingRows = watchKind(MEETING_KIND, isMeeting)
  const mediatorRows = watchKind(MEDIATOR_KIND, isMediator)
  const issueRows = watchKind(ISSUE_KIND, isIssue)
  /** Policies registered by the county and departments that concern this unit (issue #7). */
  const policyRows = watchKind(POLICY_KIND, isPolicy)
  const org = useOrgUnitsStore()
  const { orgUnits } = storeToRefs(org)

  const meetings = computed(() =>
    [...meetingRows.value].sort((a, b) =>
      a.data.date === b.data.date
        ? b.data.createdAt.localeCompare(a.data.createdAt)
        : b.data.date.localeCompare(a.data.date),
    ),
  )
  const mediators = computed(() => mediatorRows.value)
  const issues = computed(() => issueRows.value)
  const policies = computed(() =>
    [...policyRows.value].sort((a, b) => b.data.issueDate.localeCompare(a.data.issueDate)),
  )
  /** Days held or signed off per pool member, over the days this device holds (its subtree). */
  const participation = computed(() =>
    participationCounts(meetingRows.value.map((row) => row.data)),
  )

  const viewer = computed<Viewer | null>(() =>
    me.value
      ? {
          userId: me.value.user.id,
          role: me.value.user.role,
          orgUnitId: me.value.orgUnit.id,
          orgPath: me.value.orgUnit.path,
        }
      : null,
  )
  const canPlan = computed(() => (me.value ? can(me.value.user.role, 'meeting.plan') : false))
  const canManagePool = computed(() =>
    me.value ? can(me.value.user.role, 'mediator.manage') : false,
  )

  async function saveAll(inputs: ChangeInput[]): Promise<string | null> {
    try {
      const [first] = await useSyncStore().saveAll(inputs)
      showSuccessToast(i18n.global.t('common.saved'))
      return first?.recordId ?? null
    } catch (error) {
      explainFailure(error)
      return null
    }
  }

  /**
   * Plans a day and puts each topic to it (schedule_meeting) in one save;
   * resolves with the day's id, or null when refused (the reason is shown).
   */
  async function plan(input: MeetingCreateInput, recordId: string): Promise<string | null> {
    const isPointToPoint = input.form === 'point_to_point'
    return saveAll([
      { kind: MEETING_KIND, recordId, op: 'create', payload: { ...input } },
      ...input.topics
        .filter((topic) => topic.status === 'accepted' || topic.status === 'scheduled_for_meeting')
        .map((topic) => ({
          kind: ISSUE_KIND,
          recordId: topic.issueId,
          op: 'transition',
          payload: {
            action: 'schedule_meeting',
            meetingId: recordId,
            meetingDate: input.date,
            ...(isPointToPoint ? { isPointToPoint } : {}),
          },
        })),
    ])
  }

  /**
   * Saves the minutes; each newly resolved or escalated topic becomes its
   * issue's transition (citing this day), saved together with the minutes.
   */
  async function saveMinutes(
    id: string,
    minutes: MeetingRecordInput,
    outcomes: readonly OutcomeChange[],
  ): Promise<boolean> {
    const saved = await saveAll([
      { kind: MEETING_KIND, recordId: id, op: 'record', payload: { ...minutes } },
      ...outcomes.map((change) => ({
        kind: ISSUE_KIND,
        recordId: change.issueId,
        op: 'transition',
        payload:
          change.outcome === 'resolved'
            ? { action: 'resolve_locally', resolution: change.text, meetingId: id }
            : { action: 'escalate', reason: change.text, meetingId: id },
      })),
    ])
    return saved !== null
  }

  async function act(
    id: string,
    op: 'sign_off' | 'amend' | 'cancel',
    payload: Record<string, unknown> = {},
  ) {
    const sessions = op === 'sign_off' ? interpretationSessions(id) : []
    return (
      (await saveAll([{ kind: MEETING_KIND, recordId: id, op, payload }, ...sessions])) !== null
    )
  }

  /**
   * Signing a day off records, on each linked policy this device holds, the
   * interpretation given that day (先解读，再议事): date, place, interpreter,
   * attendance, and the day itself — so the policy's 20-working-day
   * interpretation deadline counts it. Policies dated after the day, or
   * without an interpreter named, are left out rather than block the sign-off.
   */
  function interpretationSessions(id: string): ChangeInput[] {
    const day = meetingRows.value.find((row) => row.id === id)?.data
    if (!day) return []
    const held = new Map(policyRows.value.map((row) => [row.id, row.data]))
    const today = chinaDate(new Date().toISOString())
    return day.policies.flatMap((ref) => {
      const policy = ref.policyId ? held.get(ref.policyId) : undefined
      if (!ref.policyId || !policy || !ref.interpretedBy) return []
      if (day.date < policy.issueDate || day.date > today) return []
      return [
        {
          kind: POLICY_KIND,
          recordId: ref.policyId,
          op: 'record_interpretation',
          payload: {
            heldOn: day.date,
            place: day.place,
            interpreter: ref.interpretedBy,
            attendance: day.signIn?.count ?? 0,
            meetingId: id,
            note: ref.interpretation ?? '',
          },
        },
      ]
    })
  }

  /** Adds a pool member ('create', no id) or records on one (training, assessment, honour…). */
  async function saveMediator(
    op: string,
    payload: Record<string, unknown>,
    recordId?: string,
  ): Promise<string | null> {
    return saveAll([{ kind: MEDIATOR_KIND, op, payload, ...(recordId ? { recordId } : {}) }])
  }

  return {
    meetings,
    mediators,
    issues,
    policies,
    participation,
    orgUnits,
    viewer,
    canPlan,
    canManagePool,
    saveMediator,
    unitName: org.unitName,
    loadOrgUnits: org.loadOrgUnits,
    plan,
    saveMinutes,
    signOff: (id: string) => act(id, 'sign_off'),
    amend: (id: string, text: string) => act(id, 'amend', { text }),
    cancel: (id: string, reason: string) => act(id, 'cancel', { reason }),
  }
})
