/**
 * Builds the real server on a real, empty database for one test suite:
 * in-memory SQLite, or a fresh PostgreSQL database `t_<random>` on the server
 * that postgres.global-setup.ts provides. Migrated, seeded with the demo
 * county, no static files, silent logger. `close()` leaves nothing behind.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { inject } from 'vitest'
import { buildApp } from '#server/app.ts'
import { loadConfig } from '#server/config.ts'
import {
  openDatabase,
  type Database,
  type DialectName,
  type OpenOptions,
} from '#server/db/database.ts'
import type { DatabaseSchema } from '#server/db/database-schema.ts'
import { migrateToLatest } from '#server/db/migrate.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { seedDemoCounty } from '#server/db/seed.ts'
import { SESSION_COOKIE } from '#server/plugins/auth.ts'
import type { KindRegistry } from '#server/sync/kinds.ts'

/**
 * Every integration test file runs once per dialect: `describe.each(DIALECTS)(…)`.
 * `SHUOSHI_TEST_DIALECTS=sqlite` narrows the run to one dialect: the second
 * Node line in CI (scripts/test-node.mjs) checks the native SQLite driver and
 * the runtime there, while the PostgreSQL driver is plain JavaScript already
 * run on both dialects by `npm test`.
 */
export const DIALECTS: readonly DialectName[] = dialectsFromEnvironment(
  process.env.SHUOSHI_TEST_DIALECTS,
)

function dialectsFromEnvironment(value: string | undefined): readonly DialectName[] {
  const all: readonly DialectName[] = ['sqlite', 'postgres']
  if (value === undefined || value === '') return all
  const chosen = all.filter((name) => value.split(',').includes(name))
  if (chosen.length === 0) throw new Error(`SHUOSHI_TEST_DIALECTS names no dialect: ${value}`)
  return chosen
}

export interface TestServer {
  app: FastifyInstance
  database: Database
  /** The PostgreSQL URL of this server's database, for a second connection; null on SQLite. */
  databaseUrl: string | null
  /** Logs in through the API and returns a `Cookie` header value; throws unless 200. */
  login(phone: string, password?: string): Promise<string>
  close(): Promise<void>
}

export interface TestServerOptions {
  /** Folder of a built PWA to serve; by default one that does not exist. */
  staticDir?: string
  /** The record kinds to sync; by default the product's own (see test/support/memo-kind.ts). */
  kinds?: KindRegistry
  /** Seed the demo county (default); false leaves the database migrated and empty. */
  seed?: boolean
  /** SQLite in a file in a temporary folder (removed on close) instead of in memory. */
  onDisk?: boolean
  /** More environment for `loadConfig` (e.g. PUBLIC_ORIGIN, TRUST_PROXY, BLOB_DAILY_QUOTA_MB). */
  env?: NodeJS.ProcessEnv
}

export async function createTestServer(
  dialect: DialectName,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const scratch = dialect === 'postgres' ? await createPostgresDatabase() : undefined
  const dataDir =
    !scratch && options.onDisk ? await mkdtemp(join(tmpdir(), 'shuoshi-data-')) : undefined
  const database = openDatabase(scratch ? { databaseUrl: scratch.url } : { dataDir })
  const dispose = async () => {
    await database.close()
    await scratch?.drop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  }
  try {
    await migrateToLatest(database.db)
    if (options.seed !== false) await seedDemoCounty(database.db)
    const config = loadConfig({
      STATIC_DIR: options.staticDir ?? join(tmpdir(), `shuoshi-no-static-${randomHex(6)}`),
      SEED_DEMO: 'false',
      // Ballot sheets are derived from this key; without it the server would write one under ./data.
      BALLOT_SECRET: randomHex(32),
      // No load shedding: a busy shared test machine must not turn a test's
      // push into a 503 (test/integration/load-shedding.test.ts turns it on).
      LOAD_SHED_LAG_MS: '0',
      ...options.env,
    })
    const app = await buildApp({ config, database, logger: false, kinds: options.kinds })
    await app.ready()
    return {
      app,
      database,
      databaseUrl: scratch?.url ?? null,
      login: (phone, password) => loginTo(app, phone, password),
      async close() {
        await app.close()
        await dispose()
      },
    }
  } catch (error) {
    await dispose().catch(() => undefined)
    throw error
  }
}

/** Logs in to `app` through the API and returns a `Cookie` header value; throws unless 200. */
export async function loginTo(
  app: FastifyInstance,
  phone: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { phone, password },
  })
  const session = response.cookies.find((cookie) => cookie.name === SESSION_COOKIE)
  if (response.statusCode !== 200 || !session) {
    throw new Error(`login as ${phone} failed: ${response.statusCode} ${response.body}`)
  }
  return `${SESSION_COOKIE}=${session.value}`
}

/** Rows in a table, as a number on both dialects. */
export async function countRows(database: Database, table: keyof DatabaseSchema): Promise<number> {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** The admin URL of the test PostgreSQL server (see postgres.global-setup.ts). */
export function pgAdminUrl(): string {
  const url = inject('pgAdminUrl')
  if (!url) {
    throw new Error(
      'pgAdminUrl was not provided: run with --project integration (its globalSetup starts PostgreSQL)',
    )
  }
  return url
}

export interface SharedDatabase {
  /**
   * Two handles, as two servers starting at once would hold them: two pools
   * on PostgreSQL. A SQLite file is served by a single process (Kysely takes
   * no migration lock on SQLite), so there both are the one handle, shared
   * by two concurrent callers.
   */
  pair(): [Database, Database]
  /** Closes the handles and removes the database. */
  drop(): Promise<void>
}

/** An empty, unmigrated database: a fresh PostgreSQL database or a SQLite file in a temp folder. */
export async function createSharedDatabase(dialect: DialectName): Promise<SharedDatabase> {
  const opened: Database[] = []
  const open = (options: OpenOptions) => {
    const database = openDatabase(options)
    opened.push(database)
    return database
  }
  const closeAll = () => Promise.all(opened.splice(0).map((database) => database.close()))
  if (dialect === 'postgres') {
    const scratch = await createPostgresDatabase()
    return {
      pair: () => [open({ databaseUrl: scratch.url }), open({ databaseUrl: scratch.url })],
      async drop() {
        await closeAll()
        await scratch.drop()
      },
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'shuoshi-sqlite-'))
  return {
    pair() {
      const database = open({ sqliteFile: join(dir, 'shared.sqlite') })
      return [database, database]
    },
    async drop() {
      await closeAll()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export interface ScratchDatabase {
  url: string
  drop(): Promise<void>
}

/**
 * A new, empty PostgreSQL database. `drop()` expects every connection to it
 * to be closed first, and fails loudly when one was left open.
 */
export async function createPostgresDatabase(): Promise<ScratchDatabase> {
  const adminUrl = pgAdminUrl()
  // Lowercase letters and digits only, so the name needs no quoting rules.
  const name = `t_${randomHex(8)}`
  await adminQuery(adminUrl, `create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      // Not `with (force)`: a pool's `end()` resolves before its sessions
      // have gone, and force kills such a session with 57P01, which the pool
      // raises as an error nobody handles — after the test file has ended, so
      // Vitest may not even report it. Without force PostgreSQL waits (5 s)
      // for sessions on their way out, and a session really left open is a
      // leak to fix, named here.
      try {
        await adminQuery(adminUrl, `drop database if exists ${name}`)
      } catch (error) {
        if (error instanceof pg.DatabaseError && error.code === '55006') {
          throw new Error(
            `test database ${name} still has open connections (${error.detail ?? 'no detail'}): ` +
              'close every Database and pg client opened on it before dropping it',
            { cause: error },
          )
        }
        throw error
      }
    },
  }
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}
