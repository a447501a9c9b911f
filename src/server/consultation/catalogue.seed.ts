/**
 * The demo county's participation catalogue of the current year, published,
 * written through the ordinary write path with a fixed id, so seeding twice
 * changes nothing. Its first entry is planned for the first quarter and has
 * no consultation: from April on, the public page shows it overdue; the
 * second is linked to the demo consultation.
 */
import { CATALOGUE_KIND } from '#shared/consultation/catalogue.kind.ts'
import type { CatalogueEntryInput } from '#shared/consultation/catalogue.schema.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { demoSeed } from '../db/demo-seed.ts'
import { systemMutation } from '../sync/system-change.ts'
import { DEMO_CONSULTATION_ID } from './consultation.seed.ts'

/** The demo catalogue's record id (fixed: the seed is idempotent). */
export const DEMO_CATALOGUE_ID = '0195b1c0-0000-7000-8000-0000000ca001'
const COUNTY = '/demo-county/'

/** The demo entries: one per department, spread over the quarters. */
export const DEMO_CATALOGUE_ENTRIES: readonly CatalogueEntryInput[] = [
  {
    id: 'demo-e1',
    title: '县城区停车收费管理办法（修订）',
    department: '/demo-county/demo-dept-3/',
    plannedQuarter: 1,
  },
  {
    id: 'demo-e2',
    title: '农村老年助餐补贴办法',
    department: '/demo-county/demo-dept-1/',
    plannedQuarter: 4,
  },
  {
    id: 'demo-e3',
    title: '城乡居民养老服务补贴实施细则',
    department: '/demo-county/demo-dept-2/',
    plannedQuarter: 4,
  },
]

function mutation(id: string, op: string, payload: Record<string, unknown>, at: Date): Mutation {
  return systemMutation(
    id,
    { kind: CATALOGUE_KIND, recordId: DEMO_CATALOGUE_ID, op, payload },
    'seed',
    at,
  )
}

/** Writes and publishes this year's demo catalogue (idempotent); false without the demo county. */
export const seedDemoCatalogue = demoSeed(COUNTY, async ({ now, today, apply }) => {
  const year = Number(today.slice(0, 4))
  await apply([
    mutation(
      '0195b1c0-0000-7000-8000-0000000ca101',
      'create',
      { year, entries: DEMO_CATALOGUE_ENTRIES.map((entry) => ({ ...entry })) },
      now,
    ),
    mutation('0195b1c0-0000-7000-8000-0000000ca102', 'publish', {}, now),
    // The demo consultation (consultation.seed.ts, seeded first) opened for its entry.
    mutation(
      '0195b1c0-0000-7000-8000-0000000ca103',
      'link',
      { entryId: 'demo-e2', consultationId: DEMO_CONSULTATION_ID },
      now,
    ),
  ])
})
