/**
 * A demo disclosure: 柳河村's village finances for the last quarter, with a
 * table, published by its village cadre through the ordinary write path
 * (fixed ids: seeding twice changes nothing), so the demo wall /w/demo-t1-v1
 * shows something.
 */
import { DISCLOSURE_KIND } from '#shared/disclosure/disclosure.schema.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import type { Database } from '../db/database.ts'
import { findOrgUnit, findUserByPhone, toUser } from '../org/org.repository.ts'
import { demoPhone } from '../org/demo-county.seed.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { applyBatch } from '../sync/push.ts'

export const DEMO_DISCLOSURE_ID = '0195b1c0-0000-7000-8000-0000000d1501'

function mutation(id: string, op: string, payload: Record<string, unknown>): Mutation {
  return {
    id,
    kind: DISCLOSURE_KIND,
    recordId: DEMO_DISCLOSURE_ID,
    op,
    payload,
    baseVersion: 0,
    seq: 0,
    deviceId: 'seed',
    createdAt: new Date().toISOString(),
  }
}

/** Writes and publishes the demo disclosure (idempotent); false without the demo county. */
export async function seedDemoDisclosure(
  database: Database,
  kinds: KindRegistry,
): Promise<boolean> {
  const row = await findUserByPhone(database.db, demoPhone(1, 1, 0, 2))
  const unit = row ? await findOrgUnit(database.db, row.org_unit_id) : undefined
  if (!row || !unit) return false
  await applyBatch({ ...database, kinds, auth: { user: toUser(row), orgUnit: unit } }, [
    mutation('0195b1c0-0000-7000-8000-0000000d1601', 'create', {
      category: 'village_finance',
      title: '柳河村第三季度村级财务收支公开（演示）',
      body: '本季度村级财务收支情况如下，群众如有疑问，可到村说事站查阅凭证或提出意见。',
      table: {
        columns: ['项目', '收入（元）', '支出（元）'],
        rows: [
          ['上级转移支付', '120000', ''],
          ['村道维修', '', '46800'],
          ['办公经费', '', '8200'],
        ],
      },
      photos: [],
      periodFrom: '2026-07-01',
      periodTo: '2026-09-30',
    }),
    mutation('0195b1c0-0000-7000-8000-0000000d1602', 'publish', {}),
  ])
  return true
}
