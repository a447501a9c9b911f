/**
 * The demo county's post-evaluations (后评估), written with the history
 * (src/server/supervision/history.seed.ts) so that on a fresh `npm start`
 * the department's desk has cases to conclude, the county's desk open
 * cases, and the supervision screens post-evaluations opened and concluded.
 * Each case comes with what it stems from: a policy (interpreted in time)
 * and its assessment campaign, closed when the figures crossed the rule.
 * Fixed ids; written through `writeRecord` (each kind's schema checks the
 * data, the kind gives the audience), in one transaction.
 */
import type { Kysely } from 'kysely'
import { addWorkingDays, chinaDate } from '#shared/calendar/working-days.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { policyData, postEvaluationData, writeRecord } from '../supervision/record-builders.ts'

/** One case: whose (the n-th department), how many days ago it opened, whether concluded. */
interface CaseFacts {
  department: number
  title: string
  openedDaysAgo: number
  concluded: boolean
}

const CASES: readonly CaseFacts[] = [
  { department: 0, title: '农村危房改造补助办法', openedDaysAgo: 12, concluded: false },
  { department: 0, title: '村级公益岗位管理办法', openedDaysAgo: 4, concluded: false },
  { department: 0, title: '耕地地力保护补贴发放细则', openedDaysAgo: 95, concluded: true },
  { department: 1, title: '城乡居民医保缴费办法', openedDaysAgo: 20, concluded: false },
  { department: 2, title: '农村生活污水治理管护办法', openedDaysAgo: 60, concluded: true },
]

const RULE = { minResponses: 10, satisfiedShareBelow: 0.6, concernShareAtLeast: 0.5 }
const at10 = (day: string) => `${day}T02:00:00.000Z`
/** The China date `days` calendar days before `day`. */
const daysBefore = (day: string, days: number) =>
  new Date(Date.parse(day) - days * 86_400_000).toISOString().slice(0, 10)

/** Writes the demo cases (with their policies and campaigns); returns how many cases. */
export async function seedDemoPostEvaluations(
  db: Kysely<DatabaseSchema>,
  units: readonly OrgUnit[],
  now = new Date(),
): Promise<number> {
  const today = chinaDate(now.toISOString())
  const departments = units.filter((unit) => unit.tier === 'department')
  const township = units.find((unit) => unit.tier === 'township')
  const villages = units
    .filter((unit) => unit.tier === 'village' && unit.parentId === township?.id)
    .map((unit) => unit.path)
  let written = 0
  await db.transaction().execute(async (trx) => {
    for (const [index, facts] of CASES.entries()) {
      const department = departments[facts.department]
      if (!department) continue
      // A case's id is its campaign's (one case per campaign); the policy has its own.
      const id = `hist-post-evaluation-${index + 1}`
      const policyId = `hist-post-evaluation-policy-${index + 1}`
      const opened = daysBefore(today, facts.openedDaysAgo)
      const opensOn = daysBefore(opened, 35)
      const issueDate = daysBefore(opensOn, 28)
      const policy = policyData({
        id: `${9000 + index}`,
        department: department.path,
        title: `${facts.title}（演示）`,
        issueDate,
        interpretedOn: [addWorkingDays(issueDate, 10).date],
      })
      const shared = {
        policyId,
        policyTitle: policy.title,
        documentNumber: policy.documentNumber,
        issuingDepartment: department.path,
        villages,
        rule: RULE,
      }
      await writeRecord(trx, 'policy', policyId, policy)
      await writeRecord(trx, 'assessment_campaign', id, {
        ...shared,
        grids: [],
        opensOn,
        closesOn: opened,
        status: 'closed',
        openedBy: 'demo-history',
        openedByName: '演示',
        openedAt: at10(opensOn),
        closedAt: at10(opened),
      })
      await writeRecord(trx, 'post_evaluation', id, {
        ...postEvaluationData({
          id,
          department: department.path,
          title: `${facts.title}（演示）`,
          openedOn: opened,
          concluded: facts.concluded,
        }),
        ...shared,
        campaignId: id,
      })
      written += 1
    }
  })
  return written
}
