/**
 * The list page's logic: which inboxes (tabs) a role has, and the filters on
 * top of the chosen inbox. Everything is computed over the store's rows in
 * one pass, so it stays cheap at 10,000 issues.
 */
import { computed, ref, type Ref } from 'vue'
import type { Role } from '#shared/auth/roles.ts'
import { isWithin } from '#shared/org/org-path.ts'
import { RESIDENT_ACTOR_ID } from '#shared/issue/issue.resident.ts'
import type { IssueCategory, IssueStage, IssueStatus } from '#shared/issue/issue.schema.ts'
import type { DomainTag } from '#shared/common/tags.ts'
import { isOverdue, STATUS_STAGE } from '#shared/issue/issue.deadlines.ts'
import { isReopened } from '#shared/issue/issue.reopen.ts'
import { chinaDate } from '#shared/calendar/working-days.ts'
import type { Viewer } from '#shared/sync/record-kind.ts'
import type { IssueRow } from './issue.store.ts'

/** An inbox: an i18n key under `issue.inbox` and which issues it holds. */
export interface Inbox {
  name:
    | 'mine'
    | 'online'
    | 'feedbackDue'
    | 'toAccept'
    | 'inProgress'
    | 'all'
    | 'escalated'
    | 'toDispatch'
    | 'assigned'
  holds: (row: IssueRow, viewer: Viewer) => boolean
}

const OPEN_AT_VILLAGE_OR_ABOVE: readonly IssueStatus[] = [
  'accepted',
  'scheduled_for_meeting',
  'escalated',
  'dispatched',
  'awaiting_feedback',
]

const ALL: Inbox = { name: 'all', holds: () => true }

/** The inboxes of each role, most urgent first (the first is opened by default). */
export const ROLE_INBOXES: Readonly<Record<Role, readonly Inbox[]>> = {
  grid_worker: [
    { name: 'mine', holds: ({ data }, viewer) => data.reporterId === viewer.userId },
    // What residents raised themselves online in the worker's grid, until it is settled.
    {
      name: 'online',
      holds: ({ data }, viewer) =>
        data.reporterId === RESIDENT_ACTOR_ID &&
        !['closed', 'withdrawn', 'merged'].includes(data.status) &&
        isWithin(data.orgPath, viewer.orgPath),
    },
    {
      name: 'feedbackDue',
      holds: ({ data }, viewer) =>
        data.status === 'awaiting_feedback' && isWithin(data.orgPath, viewer.orgPath),
    },
    ALL,
  ],
  village_cadre: [
    {
      name: 'toAccept',
      holds: ({ data }, viewer) =>
        data.status === 'registered' && isWithin(data.orgPath, viewer.orgPath),
    },
    { name: 'inProgress', holds: ({ data }) => OPEN_AT_VILLAGE_OR_ABOVE.includes(data.status) },
    ALL,
  ],
  township_staff: [
    { name: 'escalated', holds: ({ data }, viewer) => data.escalatedToTownship === viewer.orgPath },
    {
      name: 'toDispatch',
      holds: ({ data }, viewer) =>
        data.status === 'escalated' && data.escalatedToTownship === viewer.orgPath,
    },
    ALL,
  ],
  department_staff: [
    { name: 'assigned', holds: ({ data }, viewer) => data.assignedDepartment === viewer.orgPath },
  ],
  county_staff: [ALL],
  mediator: [ALL],
  admin: [ALL],
  // A deputy's device holds only the reports they raised from their visits.
  deputy: [ALL],
}

export interface IssueFilters {
  status: IssueStatus | ''
  category: IssueCategory | ''
  tag: DomainTag | ''
  isOverdueOnly: boolean
  /** Path of a unit whose subtree the issue must be in ('' = any). */
  unitPath: string
  /** Created on or after / on or before, 'YYYY-MM-DD' China time ('' = open). */
  from: string
  to: string
  search: string
  /** Set from a route query only (the work desk's links): the stage whose clock runs ([] = any). */
  stages: IssueStage[]
  /** Set from a route query only: matters a dissatisfied resident sent back (重办). */
  isReopenedOnly: boolean
}

export function emptyFilters(): IssueFilters {
  return {
    status: '',
    category: '',
    tag: '',
    isOverdueOnly: false,
    unitPath: '',
    from: '',
    to: '',
    search: '',
    stages: [],
    isReopenedOnly: false,
  }
}

/** True when any filter narrows the list. */
export function hasActiveFilter(filters: IssueFilters): boolean {
  return (
    filters.status !== '' ||
    filters.category !== '' ||
    filters.tag !== '' ||
    filters.isOverdueOnly ||
    filters.unitPath !== '' ||
    filters.from !== '' ||
    filters.to !== '' ||
    filters.search.trim() !== '' ||
    filters.stages.length > 0 ||
    filters.isReopenedOnly
  )
}

/** `initial`: the inbox and filters to open with (a route query, see issue-list-query.ts). */
export function useIssueInbox(
  rows: Ref<IssueRow[]>,
  viewer: Ref<Viewer | null>,
  initial: { inbox?: Inbox['name'] | undefined; filters?: IssueFilters } = {},
  /** The reports the livelihood list holds (never overdue at village stage; useLivelihoodLinks). */
  heldIds?: Ref<ReadonlySet<string>>,
) {
  const inboxes = computed(() => (viewer.value ? ROLE_INBOXES[viewer.value.role] : [ALL]))
  const asked = inboxes.value.find((inbox) => inbox.name === initial.inbox)
  const activeInbox = ref<Inbox['name']>(asked?.name ?? inboxes.value[0]?.name ?? 'all')
  const filters = ref<IssueFilters>(initial.filters ?? emptyFilters())

  const visible = computed(() => {
    const who = viewer.value
    const f = filters.value
    const inbox = inboxes.value.find((candidate) => candidate.name === activeInbox.value) ?? ALL
    const today = chinaDate(new Date().toISOString())
    const search = f.search.trim().toLowerCase()
    if (!who) return []
    return rows.value.filter((row) => {
      const { data } = row
      if (!inbox.holds(row, who)) return false
      if (f.status && data.status !== f.status) return false
      if (f.category && data.category !== f.category) return false
      if (f.tag && !data.tags.includes(f.tag)) return false
      if (f.unitPath && !isWithin(data.orgPath, f.unitPath)) return false
      if (f.from || f.to) {
        const created = chinaDate(data.createdAt)
        if ((f.from && created < f.from) || (f.to && created > f.to)) return false
      }
      if (f.isOverdueOnly && !isOverdue(data, today, heldIds?.value.has(row.id))) return false
      if (f.stages.length > 0 && !f.stages.some((stage) => STATUS_STAGE[data.status] === stage))
        return false
      if (f.isReopenedOnly && !isReopened(data)) return false
      if (search) {
        const text = `${data.title}\n${data.description}\n${data.place ?? ''}`.toLowerCase()
        if (!text.includes(search)) return false
      }
      return true
    })
  })

  function resetFilters(): void {
    filters.value = emptyFilters()
  }

  return { inboxes, activeInbox, filters, visible, resetFilters }
}
