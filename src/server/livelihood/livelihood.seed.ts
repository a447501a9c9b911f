/**
 * A demo livelihood list for `npm start`: two public-interest reports about
 * one village road, the item the village cadre proposed from them, planned
 * and submitted by the township, accepted by the county office and 40 %
 * done by the housing department; and a second candidate still to plan.
 * Written through the ordinary write path as the demo accounts, with fixed
 * ids, so seeding twice changes nothing (the second run is a duplicate).
 */
import { ROLES } from '#shared/auth/roles.ts'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { LIVELIHOOD_ITEM_KIND } from '#shared/livelihood/livelihood.kind.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import type { Database } from '../db/database.ts'
import { findOrgUnit, findUser } from '../org/org.repository.ts'
import type { AuthContext } from '../plugins/auth.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { applyBatch } from '../sync/push.ts'
import { systemMutation } from '../sync/system-change.ts'

const id = (n: number) => `0195b1c0-0000-7000-8000-0000000e${String(n).padStart(4, '0')}`
const ROAD_ITEM = id(1)
const LIGHT_ITEM = id(2)
const REPORTS = [id(11), id(12), id(13)]
const HOUSING = '/demo-county/demo-dept-3/'

/** A demo account as the push path sees it, or null when the demo county is missing. */
async function demoAuth(database: Database, phone: string): Promise<AuthContext | null> {
  const user = await findUser(database.db, `demo-user-${phone}`)
  const unit = user && (await findOrgUnit(database.db, user.org_unit_id))
  const role = ROLES.find((name) => name === user?.role)
  if (!user || !unit || !role) return null
  return {
    user: { id: user.id, phone: user.phone, name: user.name, role, orgUnitId: unit.id },
    orgUnit: unit,
  }
}

function seedMutation(
  n: number,
  kind: string,
  recordId: string,
  op: string,
  payload: Record<string, unknown>,
): Mutation {
  return systemMutation(id(100 + n), { kind, recordId, op, payload }, 'seed')
}

/** Writes the demo list (idempotent); false when the demo accounts are missing. */
export async function seedDemoLivelihood(
  database: Database,
  kinds: KindRegistry,
  now = new Date(),
): Promise<boolean> {
  const today = chinaDate(now.toISOString())
  const year = Number(today.slice(0, 4))
  const steps: [string, Mutation[]][] = [
    [
      '13900111001',
      ['村东土路雨天泥泞，老人孩子出行难', '三组到村口的路坑洼积水', '村西主路没有路灯'].map(
        (title, index) =>
          seedMutation(index, 'issue', REPORTS[index] ?? '', 'create', {
            ...sampleCreatePayload({ photos: [], title, category: 'public_interest' }),
          }),
      ),
    ],
    [
      '13900110002',
      [
        seedMutation(10, LIVELIHOOD_ITEM_KIND, ROAD_ITEM, 'create', {
          name: '柳河村通组道路硬化（演示）',
          description: '村东三个组的土路雨天泥泞，拟硬化1.2公里，惠及三个组二百余户。',
          place: '柳河村东片',
          year,
          sourceIssueIds: REPORTS.slice(0, 2),
        }),
        seedMutation(11, LIVELIHOOD_ITEM_KIND, LIGHT_ITEM, 'create', {
          name: '村西主路路灯安装（演示）',
          description: '村西主路约800米无路灯，夜间出行不便。',
          place: '柳河村西',
          year,
          sourceIssueIds: REPORTS.slice(2),
        }),
      ],
    ],
    [
      '13900100004',
      [
        seedMutation(20, LIVELIHOOD_ITEM_KIND, ROAD_ITEM, 'plan', {
          responsibleUnit: HOUSING,
          estimatedCost: 36.5,
          fundingSource: '县级财政衔接资金',
          plannedStart: today,
          plannedCompletion: `${year + 1}-05-31`,
          milestones: [
            { name: '完成设计', plannedOn: `${year + 1}-01-20` },
            { name: '路基完工', plannedOn: `${year + 1}-03-31` },
          ],
        }),
        seedMutation(21, LIVELIHOOD_ITEM_KIND, ROAD_ITEM, 'submit', {}),
      ],
    ],
    ['13900000005', [seedMutation(30, LIVELIHOOD_ITEM_KIND, ROAD_ITEM, 'accept', {})]],
    [
      '13900930006',
      [
        seedMutation(40, LIVELIHOOD_ITEM_KIND, ROAD_ITEM, 'progress', {
          date: today,
          percent: 40,
          note: '路基完成四成，排水沟同步施工',
          photos: [],
        }),
      ],
    ],
  ]
  for (const [phone, mutations] of steps) {
    const auth = await demoAuth(database, phone)
    if (!auth) return false
    await applyBatch({ ...database, kinds, auth }, mutations)
  }
  return true
}
