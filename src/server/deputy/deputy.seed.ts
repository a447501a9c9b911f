/**
 * The demo county's deputy: 县人大代表王建国 linked to 柳河村 and 杏花村 with
 * the default plan (one visit per village per quarter), and one visit to
 * 柳河村 this quarter with two opinions — so the deputy's list shows one
 * village done and 杏花村 overdue. Written through the ordinary write path
 * with fixed ids, so seeding twice changes nothing.
 */
import { DEPUTY_PLAN_KIND, DEPUTY_VISIT_KIND } from '#shared/deputy/deputy.schema.ts'
import { periodOf } from '#shared/deputy/visit-plan.ts'
import { findOrgUnit, findUser } from '../org/org.repository.ts'
import { demoSeed } from '../db/demo-seed.ts'
import { seedMutation } from '../sync/system-change.ts'

/** The demo plan's id. */
export const DEMO_DEPUTY_PLAN_ID = '0195b1c0-0000-7000-8000-0000000d0001'
const DEPUTY_UNIT = 'demo-deputy-1'
const DEPUTY_USER = 'demo-user-13900810007'
const T1 = '/demo-county/demo-t1/'

const village = (n: number, name: string) => {
  const path = `${T1}demo-t1-v${n}/`
  return {
    path,
    name: `${name}说事站（演示）`,
    grids: [1, 2].map((g) => ({
      path: `${path}demo-t1-v${n}-g${g}/`,
      name: `${name}${g === 1 ? '第一' : '第二'}网格说事点（演示）`,
    })),
  }
}

/** Writes the demo plan and visit (idempotent); false without the demo county. */
export const seedDemoDeputy = demoSeed(T1, async ({ database, today, apply }) => {
  const unit = await findOrgUnit(database.db, DEPUTY_UNIT)
  const user = await findUser(database.db, DEPUTY_USER)
  if (!unit || !user) return false
  const villages = [village(1, '柳河村'), village(2, '杏花村')]
  const [first] = villages
  if (!first) return false
  await apply([
    seedMutation(
      '0195b1c0-0000-7000-8000-0000000d0101',
      DEPUTY_PLAN_KIND,
      DEMO_DEPUTY_PLAN_ID,
      'create',
      {
        deputyPath: unit.path,
        deputyName: '王建国',
        body: 'npc',
        villages,
        visitsPerPeriod: 1,
        periodMonths: 3,
        startsOn: '2026-01-01',
      },
    ),
  ])
  const deputy = {
    user: {
      id: user.id,
      phone: user.phone,
      name: user.name,
      role: 'deputy' as const,
      orgUnitId: unit.id,
    },
    orgUnit: unit,
  }
  await apply(
    [
      seedMutation(
        '0195b1c0-0000-7000-8000-0000000d0201',
        DEPUTY_VISIT_KIND,
        '0195b1c0-0000-7000-8000-0000000d0301',
        'create',
        {
          planId: DEMO_DEPUTY_PLAN_ID,
          villagePath: first.path,
          villageName: first.name,
          visitedOn: periodOf(today, 3).start,
          met: '村民代表五人、两户留守老人',
          opinions: ['村口路灯坏了两个月没人修', '希望每周多开一班到县城的公交'],
        },
      ),
    ],
    deputy,
  )
  return true
})
