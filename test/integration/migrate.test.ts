import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATION_NAMES, migrateToLatest } from '#server/db/migrate.ts'
import {
  countRows,
  createSharedDatabase,
  DIALECTS,
  type SharedDatabase,
} from '../support/test-server.ts'

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let shared: SharedDatabase | undefined
  afterEach(async () => {
    await shared?.drop()
    shared = undefined
  })

  it('migrate a fresh database from two servers starting at once, both succeeding', async () => {
    shared = await createSharedDatabase(dialect)
    const [first, second] = shared.pair()
    const results = await Promise.allSettled([
      migrateToLatest(first.db),
      migrateToLatest(second.db),
    ])
    expect(
      results.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok')),
    ).toEqual(['ok', 'ok'])

    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(first.db)
    expect(applied.rows.map((row) => row.name)).toEqual(MIGRATION_NAMES)
    for (const table of ['org_unit', 'app_user', 'session', 'rate_limit'] as const) {
      expect(await countRows(first, table), table).toBe(0)
    }
  })

  it('do nothing when the database is already up to date', async () => {
    shared = await createSharedDatabase(dialect)
    const [database] = shared.pair()
    await migrateToLatest(database.db)
    await expect(migrateToLatest(database.db)).resolves.toBeUndefined()
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(
      database.db,
    )
    expect(applied.rows).toHaveLength(MIGRATION_NAMES.length)
  })
})
