/**
 * Servers for the sync benchmark, outside vitest: the throwaway PostgreSQL
 * cluster of postgres.global-setup.ts (or DATABASE_URL), and the real server
 * (buildApp) on a SQLite file in a temp folder or on a fresh PostgreSQL
 * database, migrated and seeded with the demo county. `close()` of each
 * leaves nothing behind.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import type { Actor } from '#shared/sync/record-kind.ts'
import type { Me } from '#shared/auth/auth.schema.ts'
import { buildApp } from '#server/app.ts'
import { loadConfig } from '#server/config.ts'
import { openDatabase, type Database, type DialectName } from '#server/db/database.ts'
import { migrateToLatest } from '#server/db/migrate.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { seedDemoCounty } from '#server/db/seed.ts'
import { SESSION_COOKIE } from '#server/plugins/auth.ts'
import type { KindRegistry } from '#server/sync/kinds.ts'
import startPostgres from '../../support/postgres.global-setup.ts'

export interface PostgresCluster {
  adminUrl: string
  stop(): Promise<void>
}

/** Starts the embedded cluster exactly as the integration tests do (or uses DATABASE_URL). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  let adminUrl: string | null = null
  const project = {
    provide(key: string, value: unknown) {
      if (key === 'pgAdminUrl') adminUrl = String(value)
    },
  }
  const stop = await startPostgres(project as unknown as TestProject)
  if (!adminUrl) throw new Error('postgres global setup provided no URL')
  return { adminUrl, stop }
}

export interface Session {
  cookie: string
  me: Me
  /** The user as the author of a change, without the time. */
  actor: Omit<Actor, 'at'>
}

export interface BenchServer {
  app: FastifyInstance
  database: Database
  dialect: DialectName
  /** http://127.0.0.1:<port> when started with `listen`. */
  baseUrl: string | null
  login(phone: string): Promise<Session>
  close(): Promise<void>
}

export interface BenchServerOptions {
  kinds: KindRegistry
  /** Required for PostgreSQL: the cluster's admin URL. */
  adminUrl?: string | null
  /** A folder with index.html to serve (the browser bench page). */
  staticDir?: string
  listen?: boolean
}

export async function startBenchServer(
  dialect: DialectName,
  options: BenchServerOptions,
): Promise<BenchServer> {
  const cleanups: Array<() => Promise<void>> = []
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined)
  }
  try {
    let database: Database
    if (dialect === 'postgres') {
      if (!options.adminUrl) throw new Error('no PostgreSQL admin URL')
      const adminUrl = options.adminUrl
      const name = `bench_${randomBytes(6).toString('hex')}`
      await adminQuery(adminUrl, `create database ${name}`)
      cleanups.push(() => adminQuery(adminUrl, `drop database if exists ${name} with (force)`))
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      database = openDatabase({ databaseUrl: url.toString() })
    } else {
      // A file, as in production (WAL, synchronous=NORMAL), not :memory:.
      const dir = await mkdtemp(join(tmpdir(), 'shuoshi-bench-sqlite-'))
      cleanups.push(() => rm(dir, { recursive: true, force: true }))
      database = openDatabase({ dataDir: dir })
    }
    cleanups.push(() => database.close())
    await migrateToLatest(database.db)
    await seedDemoCounty(database.db)
    const config = loadConfig({
      STATIC_DIR:
        options.staticDir ?? join(tmpdir(), `shuoshi-no-static-${randomBytes(6).toString('hex')}`),
      SEED_DEMO: 'false',
      // Throughput is measured here, not load shedding (bench:load measures that).
      LOAD_SHED_LAG_MS: '0',
    })
    const app = await buildApp({ config, database, logger: false, kinds: options.kinds })
    cleanups.push(() => app.close())
    let baseUrl: string | null = null
    if (options.listen) {
      await app.listen({ port: 0, host: '127.0.0.1' })
      const address = app.server.address()
      if (!address || typeof address === 'string') throw new Error('server has no port')
      baseUrl = `http://127.0.0.1:${address.port}`
    } else {
      await app.ready()
    }
    return {
      app,
      database,
      dialect,
      baseUrl,
      login: (phone) => login(app, phone),
      close: cleanup,
    }
  } catch (error) {
    await cleanup()
    throw error
  }
}

async function login(app: FastifyInstance, phone: string): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { phone, password: DEMO_PASSWORD },
  })
  const session = response.cookies.find((cookie) => cookie.name === SESSION_COOKIE)
  if (response.statusCode !== 200 || !session) {
    throw new Error(`login as ${phone} failed: ${response.statusCode} ${response.body}`)
  }
  const me = response.json<Me>()
  return { cookie: `${SESSION_COOKIE}=${session.value}`, me, actor: actorOf(me) }
}

export function actorOf(me: Me): Omit<Actor, 'at'> {
  return {
    userId: me.user.id,
    userName: me.user.name,
    role: me.user.role,
    orgUnitId: me.user.orgUnitId,
    orgPath: me.orgUnit.path,
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
