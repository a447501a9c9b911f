/**
 * The home page's shortcuts. Each names the permission its screen's action
 * needs, from the one table the server enforces (src/shared/auth/
 * permissions.ts), so a role is never offered an action it cannot take
 * (issue #12.10f): only those who may log a matter see 登记群众说事.
 */
import { can, type Permission } from '#shared/auth/permissions.ts'
import type { Role } from '#shared/auth/roles.ts'

/** A shortcut: its label key under home.entries, icon, target and the permissions it needs. */
export interface HomeEntry {
  key:
    | 'capture'
    | 'issues'
    | 'meetings'
    | 'assessments'
    | 'consultations'
    | 'livelihood'
    | 'supervision'
    | 'deputies'
    | 'outreach'
    | 'disclosures'
    | 'enforcement'
    | 'review'
  icon: string
  to: string
  /** Offered to a role holding any of these; empty: to every signed-in user. */
  anyOf: readonly Permission[]
}

const HOME_ENTRIES: readonly HomeEntry[] = [
  { key: 'capture', icon: 'add-o', to: '/issues/new', anyOf: ['issue.create'] },
  { key: 'issues', icon: 'chat-o', to: '/issues', anyOf: ['issue.read'] },
  // The days are for those who run, attend or oversee them (and keep the pool
  // of mediators sent to them); a department's scope holds no day at all.
  {
    key: 'meetings',
    icon: 'friends-o',
    to: '/meetings',
    anyOf: ['meeting.record', 'meeting.plan', 'mediator.manage'],
  },
  { key: 'assessments', icon: 'star-o', to: '/assessments', anyOf: [] },
  // Public consultation (征求意见): the departments run it, the field transcribes opinions.
  {
    key: 'consultations',
    icon: 'comment-o',
    to: '/consultations',
    anyOf: ['consultation.manage', 'opinion.record'],
  },
  // The yearly livelihood list (民生实事): its proposers, township, county office and departments.
  {
    key: 'livelihood',
    icon: 'flag-o',
    to: '/livelihood',
    anyOf: ['livelihood.propose', 'livelihood.list', 'livelihood.decide', 'livelihood.implement'],
  },
  // Supervision (督导考核) is for those who account for their units' work.
  { key: 'supervision', icon: 'bar-chart-o', to: '/supervision', anyOf: ['supervision.view'] },
  // 代表委员联系: the deputies themselves and the county that plans their visits.
  { key: 'deputies', icon: 'manager-o', to: '/deputies', anyOf: ['deputy.plan', 'deputy.visit'] },
  // 巡讲与工作室: mediators' outreach, recorded by those who run it.
  { key: 'outreach', icon: 'volume-o', to: '/outreach', anyOf: ['outreach.record'] },
  // 村务公开: the stations publish; supervisors follow who has not.
  {
    key: 'disclosures',
    icon: 'bullhorn-o',
    to: '/disclosures',
    anyOf: ['disclosure.publish', 'supervision.view'],
  },
  // Oversight (docs/oversight.md): departments' self-correction ledger, review contact points.
  { key: 'enforcement', icon: 'shield-o', to: '/oversight/cases', anyOf: ['enforcement.correct'] },
  {
    key: 'review',
    icon: 'balance-o',
    to: '/oversight/review',
    anyOf: ['review.intake', 'review.decide'],
  },
]

/** The shortcuts `role` may use, in display order. */
export function homeEntriesFor(role: Role): HomeEntry[] {
  return HOME_ENTRIES.filter(
    (entry) => entry.anyOf.length === 0 || entry.anyOf.some((permission) => can(role, permission)),
  )
}
