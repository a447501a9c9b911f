import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { can } from '../auth/permissions.ts'
import { ROLES } from '../auth/roles.ts'
import { isOverdue } from '../issue/issue.deadlines.ts'
import { ISSUE_STATUSES } from '../issue/issue.schema.ts'
import { isWithin } from '../org/org-path.ts'
import { computeDesk } from './desk.ts'
import type { DeskViewer } from './desk.types.ts'
import {
  COUNTY,
  DEPARTMENT,
  emptyInput,
  GRID,
  issueAt,
  OTHER_GRID,
  TODAY,
  TOWNSHIP,
  VILLAGE,
} from './desk.fixtures.ts'

const HOMES = [GRID, OTHER_GRID, '/c/t2/v5/g5/'] as const
const UNIT_OF = {
  grid_worker: GRID,
  village_cadre: VILLAGE,
  mediator: VILLAGE,
  township_staff: TOWNSHIP,
  county_staff: COUNTY,
  department_staff: DEPARTMENT,
  admin: COUNTY,
  deputy: '/c/dep1/',
} as const

/** Issues anywhere in the county, in any status, due around today. */
const issuesArb = fc.array(
  fc
    .record({
      status: fc.constantFrom(...ISSUE_STATUSES),
      due: fc.constantFrom('2026-11-02', '2026-11-20', '2026-11-26', TODAY, '2026-12-01'),
      orgPath: fc.constantFrom(...HOMES),
      reopenCount: fc.nat(2),
      escalated: fc.boolean(),
      department: fc.constantFrom(null, DEPARTMENT, '/c/d2/'),
    })
    .map(({ status, due, orgPath, reopenCount, escalated, department }) =>
      issueAt(status, due, {
        orgPath,
        reopenCount,
        escalatedToTownship: escalated
          ? `/${orgPath.split('/')[1]}/${orgPath.split('/')[2]}/`
          : null,
        assignedDepartment: department,
      }),
    ),
  { maxLength: 40 },
)

describe('the desk, over any records', () => {
  it('never offers a role a count whose action it cannot take, and never counts a late one twice', () => {
    fc.assert(
      fc.property(issuesArb, fc.constantFrom(...ROLES), (issues, role) => {
        const viewer: DeskViewer = { role, orgPath: UNIT_OF[role], userId: 'u-me', today: TODAY }
        const desk = computeDesk({ ...emptyInput(), issues, refusedCount: 1 }, viewer)
        for (const line of desk.counts) {
          if (line.needs !== null) expect(can(role, line.needs), `${role} ${line.key}`).toBe(true)
          expect(line.overdueCount).toBeLessThanOrEqual(line.count)
          expect(line.maxDaysLate > 0).toBe(line.overdueCount > 0)
        }
      }),
    )
  })

  it("splits the township's late matters by stage without losing or doubling one", () => {
    fc.assert(
      fc.property(issuesArb, (issues) => {
        const desk = computeDesk(
          { ...emptyInput(), issues },
          { role: 'township_staff', orgPath: TOWNSHIP, userId: 'u-me', today: TODAY },
        )
        const byStage = desk.counts
          .filter((line) => line.key === 'overdueByStage')
          .reduce((sum, line) => sum + line.count, 0)
        const late = issues.filter(
          (issue) => isWithin(issue.orgPath, TOWNSHIP) && isOverdue(issue, TODAY),
        ).length
        expect(byStage).toBe(late)
      }),
    )
  })
})
