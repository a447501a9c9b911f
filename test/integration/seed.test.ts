import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES, roleFitsTier } from '#shared/auth/roles.ts'
import { ORG_TIERS } from '#shared/org/org.schema.ts'
import { migrateToLatest } from '#server/db/migrate.ts'
import { demoCounty } from '#server/org/demo-county.seed.ts'
import { seedDemoCounty } from '#server/db/seed.ts'
import {
  countRows,
  createSharedDatabase,
  createTestServer,
  DIALECTS,
  type SharedDatabase,
  type TestServer,
} from '../support/test-server.ts'

describe.each(DIALECTS)('demo seed on %s', (dialect) => {
  let server: TestServer
  beforeAll(async () => {
    server = await createTestServer(dialect)
  })
  afterAll(() => server.close())

  it('adds no account and changes no count when run a second time', async () => {
    const before = [
      await countRows(server.database, 'org_unit'),
      await countRows(server.database, 'app_user'),
    ]
    const second = await seedDemoCounty(server.database.db)
    expect(second.accountsAdded).toBe(0)
    const after = [
      await countRows(server.database, 'org_unit'),
      await countRows(server.database, 'app_user'),
    ]
    expect(after).toEqual(before)
  })

  it('builds a county with its departments, townships, villages and grids', async () => {
    const rows = await server.database.db
      .selectFrom('org_unit')
      .select(['tier', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('tier')
      .execute()
    const byTier = Object.fromEntries(rows.map((row) => [row.tier, Number(row.count)]))
    expect(byTier.county).toBe(1)
    expect(byTier.department).toBeGreaterThanOrEqual(4)
    expect(byTier.township).toBe(3)
    expect(byTier.village).toBeGreaterThanOrEqual(6)
    expect(byTier.grid).toBeGreaterThanOrEqual(12)
  })

  it('creates every demo account, each in a unit whose tier fits its role', async () => {
    expect(await countRows(server.database, 'app_user')).toBe(demoCounty().accounts.length)
    const rows = await server.database.db
      .selectFrom('app_user')
      .innerJoin('org_unit', 'org_unit.id', 'app_user.org_unit_id')
      .select(['app_user.phone', 'app_user.role', 'org_unit.tier'])
      .execute()
    for (const row of rows) {
      const role = ROLES.find((known) => known === row.role)
      const tier = ORG_TIERS.find((known) => known === row.tier)
      expect(role && tier && roleFitsTier(role, tier), row.phone).toBe(true)
    }
  })
})

describe.each(DIALECTS)('demo seed on a fresh %s database', (dialect) => {
  let shared: SharedDatabase
  beforeAll(async () => {
    shared = await createSharedDatabase(dialect)
  })
  afterAll(() => shared.drop())

  it('lets two callers seed the same empty database at the same moment', async () => {
    const [first, second] = shared.pair()
    await migrateToLatest(first.db)
    const results = await Promise.allSettled([seedDemoCounty(first.db), seedDemoCounty(second.db)])
    expect(
      results.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok')),
    ).toEqual(['ok', 'ok'])
    expect(await countRows(first, 'app_user')).toBe(demoCounty().accounts.length)
    expect(await countRows(first, 'org_unit')).toBe(demoCounty().units.length)
  })
})
