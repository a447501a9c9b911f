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
import { computed } from 'vue'
import { can } from '#shared/auth/permissions.ts'
import { ISSUE_KIND, isIssueData } from '#shared/issue/issue.kind.ts'
import { isMediatorData, MEDIATOR_KIND } from '#shared/meeting/mediator.kind.ts'
import { isMeetingData, MEETING_KIND } from '#shared/meeting/meeting.kind.ts'
import { isPolicyData, POLICY_KIND } from '#shared/policy/policy.kind.ts'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { participationCounts } from '#shared/meeting/meeting.rules.ts'
import { interpretationSessions } from '#shared/meeting/interpretation-sessions.ts'
import type {
  MeetingCreateInput,
  MeetingRecordInput,
  TransitionOutcome,
} from '#shared/meeting/meeting.schema.ts'
import type { ChangeInput } from '#app/sync/local-store.ts'
import { i18n } from '#app/i18n/index.ts'
import { saveChanges } from '#app/records/save-changes.ts'
import { CONSULTATION_KIND, isConsultationData } from '#shared/consultation/consultation.kind.ts'
import { useKindRows } from '#app/records/use-kind-rows.ts'
import { useViewer } from '#app/records/use-viewer.ts'
import { useAuthStore } from '#app/features/auth/index.ts'
import { useOrgUnitsStore } from '#app/features/org/index.ts'

/** A record of one kind as the screens list it. */
export type { KindRow as Row } from '#app/records/use-kind-rows.ts'

/** A topic's outcome as the record page hands it over, with the text the issue will carry. */
export interface OutcomeChange {
  issueId: string
  outcome: TransitionOutcome
  text: string
}

/** The issue transition a topic's outcome causes (it cites the day). */
const OUTCOME_TRANSITIONS: Readonly<
  Record<TransitionOutcome, (text: string, meetingId: string) => Record<string, unknown>>
> = {
  agreed: (agreement, meetingId) => ({ action: 'agree', agreement, meetingId }),
  resolved: (resolution, meetingId) => ({ action: 'resolve_locally', resolution, meetingId }),
  escalated: (reason, meetingId) => ({ action: 'escalate', reason, meetingId }),
}

/** What the pool screen records on a member. */
export type MediatorEntryOp = 'add_training' | 'add_assessment' | 'add_honour'

export const useMeetingStore = defineStore('meeting', () => {
  const { me } = storeToRefs(useAuthStore())
  const { rows: meetingRows } = useKindRows(MEETING_KIND, isMeetingData)
  const { rows: mediatorRows } = useKindRows(MEDIATOR_KIND, isMediatorData)
  const { rows: issueRows } = useKindRows(ISSUE_KIND, isIssueData)
  /** Policies registered by the county and departments that concern this unit (issue #7). */
  const { rows: policyRows } = useKindRows(POLICY_KIND, isPolicyData)
  /** Consultations open to this unit: a day may take one up (issue #15). */
  const { rows: consultationRows } = useKindRows(CONSULTATION_KIND, isConsultationData)
  const consultations = computed(() =>
    consultationRows.value.filter((row) => row.data.status === 'open'),
  )
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

  const viewer = useViewer()
  const canPlan = computed(() => (me.value ? can(me.value.user.role, 'meeting.plan') : false))
  const canManagePool = computed(() =>
    me.value ? can(me.value.user.role, 'mediator.manage') : false,
  )

  const saveAll = (inputs: ChangeInput[]) => saveChanges(inputs, i18n.global.t('common.saved'))

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
   * Saves the minutes; each topic newly agreed, resolved or escalated becomes
   * its issue's transition (citing this day), saved together with the minutes.
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
        payload: OUTCOME_TRANSITIONS[change.outcome](change.text, id),
      })),
    ])
    return saved !== null
  }

  async function act(
    id: string,
    op: 'sign_off' | 'amend' | 'cancel',
    payload: Record<string, unknown> = {},
  ) {
    const day = meetingRows.value.find((row) => row.id === id)?.data
    const held = new Map(policyRows.value.map((row) => [row.id, row.data]))
    const sessions =
      op === 'sign_off' && day
        ? interpretationSessions(id, day, held, chinaDate(new Date().toISOString()))
        : []
    return (
      (await saveAll([{ kind: MEETING_KIND, recordId: id, op, payload }, ...sessions])) !== null
    )
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
    consultations,
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
