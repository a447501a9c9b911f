/**
 * The demo county's import source (12345热线, mapped for its usual export)
 * and one report imported from it, so that `npm start` shows both the
 * import screen's source and an imported report (来源工单) in 柳河村.
 * Idempotent: the source is found by name, the report deduped by ticket.
 */
import { IMPORT_ACTOR_ID } from '#shared/import/import.actor.ts'
import { HOTLINE_COLUMNS } from '#shared/import/import.schema.ts'
import type { Database } from '../db/database.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { commitPlan } from './import.commit.ts'
import { planImport } from './import.plan.ts'
import { listSources, saveSource } from './import.repository.ts'

const COUNTY = 'demo-county'

export async function seedDemoImport(database: Database, kinds: KindRegistry): Promise<void> {
  const { db } = database
  const now = new Date()
  const source =
    (await listSources(db, COUNTY)).find((s) => s.name === '12345热线') ??
    (await saveSource(
      db,
      COUNTY,
      null,
      {
        name: '12345热线',
        channel: 'phone_call',
        category: 'public_interest',
        columns: { ...HOTLINE_COLUMNS },
      },
      IMPORT_ACTOR_ID,
      now,
    ))
  const plan = await planImport(db, source, `/${COUNTY}/`, [
    {
      line: 2,
      fields: {
        ticket: 'DEMO-12345-0001',
        village: '柳河村',
        grid: '第一网格',
        title: '村口路灯不亮（12345转办·演示）',
        description: '来电反映柳河村村口三盏路灯坏了一周，晚上孩子放学看不清路。',
        place: '柳河村村口',
      },
    },
  ])
  await commitPlan(database, kinds, source, `/${COUNTY}/`, plan)
}
