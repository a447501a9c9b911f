/**
 * The throwaway PostgreSQL databases of the integration tests: a database is
 * dropped only once every session on it has gone. Killing sessions instead
 * (`drop … with (force)`) made a closing pool raise 57P01 as an unhandled
 * error after the test file had ended, which Vitest could miss (issue #22).
 * PostgreSQL only: an in-memory SQLite database has no sessions to outlive it.
 */
import { sql } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { createPostgresDatabase, createTestServer, pgAdminUrl } from '../support/test-server.ts'

async function databaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: pgAdminUrl() })
  await admin.connect()
  try {
    const result = await admin.query('select 1 from pg_database where datname = $1', [name])
    return result.rowCount === 1
  } finally {
    await admin.end()
  }
}

describe('the PostgreSQL test databases', () => {
  it('refuses to drop a database with a connection left open, instead of killing it with 57P01', async () => {
    const scratch = await createPostgresDatabase()
    const leaked = new pg.Client({ connectionString: scratch.url })
    const errors: unknown[] = []
    leaked.on('error', (error) => errors.push(error))
    await leaked.connect()

    await expect(scratch.drop()).rejects.toThrow(/still has open connections/)
    // The session was not terminated under the client: it still answers.
    expect((await leaked.query('select 1 as one')).rows).toEqual([{ one: 1 }])
    expect(errors).toEqual([])

    await leaked.end()
    await scratch.drop()
    expect(await databaseExists(new URL(scratch.url).pathname.slice(1))).toBe(false)
  })

  it('drops the database of a server whose whole pool was busy, once the pool has closed', async () => {
    const server = await createTestServer('postgres', { seed: false })
    const name = new URL(server.databaseUrl ?? '').pathname.slice(1)
    // Ten sessions at once: the pool's maximum, all still open when close() starts.
    await Promise.all(
      Array.from({ length: 10 }, () => sql`select pg_sleep(0.05)`.execute(server.database.db)),
    )
    await server.close()
    expect(await databaseExists(name)).toBe(false)
  })
})
