/**
 * The issue list's filters as a route query, so another screen (the work
 * desk on 首页) can open the list already narrowed:
 * `/issues?inbox=toAccept`, `?inbox=all&overdue=1&stage=accept&stage=village`,
 * `?inbox=all&reopened=1`, `?inbox=assigned&status=dispatched`.
 * Unknown or malformed values are ignored (the list opens unfiltered).
 */
import type { LocationQuery } from 'vue-router'
import { ISSUE_STAGES, ISSUE_STATUSES } from '#shared/issue/issue.schema.ts'
import { emptyFilters, type Inbox, type IssueFilters } from './use-issue-inbox.ts'

const INBOX_NAMES: readonly Inbox['name'][] = [
  'mine',
  'online',
  'feedbackDue',
  'toAccept',
  'inProgress',
  'all',
  'escalated',
  'toDispatch',
  'assigned',
]

function values(query: LocationQuery, key: string): string[] {
  const value = query[key]
  const list = Array.isArray(value) ? value : [value]
  return list.filter((item): item is string => typeof item === 'string')
}

function oneOf<T extends string>(list: readonly T[], value: string | undefined): T | undefined {
  return list.find((item) => item === value)
}

/** The inbox and filters a route query asks for. */
export function issueListQuery(query: LocationQuery): {
  inbox: Inbox['name'] | undefined
  filters: IssueFilters
} {
  const filters = emptyFilters()
  filters.status = oneOf(ISSUE_STATUSES, values(query, 'status')[0]) ?? ''
  filters.isOverdueOnly = values(query, 'overdue')[0] === '1'
  filters.isReopenedOnly = values(query, 'reopened')[0] === '1'
  filters.stages = values(query, 'stage').flatMap((stage) => oneOf(ISSUE_STAGES, stage) ?? [])
  return { inbox: oneOf(INBOX_NAMES, values(query, 'inbox')[0]), filters }
}
