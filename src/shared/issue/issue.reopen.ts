/**
 * Where a matter goes when the resident is not satisfied with the answer
 * (#12.6): back to the unit that gave it, and marked 重办 until it ends.
 */
import { pathIds } from '../org/org-path.ts'
import { TERMINAL_STATUSES, type IssueData, type IssueStatus } from './issue.schema.ts'

/** "/county/township/" of an issue's home "/county/township/village/grid/". */
export function townshipPathOf(orgPath: string): string {
  const [county, township] = pathIds(orgPath)
  return `/${county ?? ''}/${township ?? ''}/`
}

/**
 * Where a 不满意 sends the matter: to the unit that answered it — the village
 * handles it again, the township gets it back escalated, the department
 * dispatched to it (and keeps seeing it).
 */
export function reopenedAt(data: IssueData): { to: IssueStatus; patch: Partial<IssueData> } {
  const answer = data.resolution
  switch (answer?.tier) {
    case 'department':
      return {
        to: 'dispatched',
        patch: {
          escalatedToTownship: data.escalatedToTownship ?? townshipPathOf(data.orgPath),
          assignedDepartment: answer.unitPath,
        },
      }
    case 'township':
      return {
        to: 'escalated',
        patch: {
          escalatedToTownship: data.escalatedToTownship ?? townshipPathOf(data.orgPath),
          assignedDepartment: null,
        },
      }
    default:
      return { to: 'accepted', patch: { escalatedToTownship: null, assignedDepartment: null } }
  }
}

/**
 * True while a matter a dissatisfied resident sent back is open: every list
 * card and the detail page mark it 重办; `reopenCount` counts for figures.
 */
export function isReopened(data: Pick<IssueData, 'reopenCount' | 'status'>): boolean {
  return data.reopenCount > 0 && !TERMINAL_STATUSES.includes(data.status)
}
