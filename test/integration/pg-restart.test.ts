/**
 * PostgreSQL stops and starts again under a running server (its own
 * throwaway cluster, not the shared one): the server process survives the
 * cut connections, answers 503 with a Chinese reason while the database is
 * away (health included), and serves again by itself once it is back; a push
 * refused during the outage goes through when sent again.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '#server/app.ts'
import { loadConfig } from '#server/config.ts'
import { openDatabase, type Database } from '#server/db/database.ts'
import { migrateToLatest } from '#server/db/migrate.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { seedDemoCounty } from '#server/db/seed.ts'
import type { FastifyInstance } from 'fastify'
import { PATHS, PHONES } from '../support/demo-county.ts'
import { createMemo, MEMO_KINDS } from '../support/memo-kind.ts'
import { startEmbeddedCluster, type Cluster } from '../support/postgres.global-setup.ts'
import { expectCreatedOnce, pullRaw, pushRaw } from '../support/sync-client.ts'
import { loginTo } from '../support/test-server.ts'

const UNAVAILABLE = {
  code: 'database_unavailable',
  message: '服务器暂时连不上数据库，记录仍安全保存在手机上，请稍后再试',
}

describe('a PostgreSQL restart under a running server', () => {
  let cluster: Cluster
  let database: Database
  let app: FastifyInstance
  const connectionErrors: Error[] = []

  beforeAll(async () => {
    cluster = await startEmbeddedCluster()
    const admin = new pg.Client({ connectionString: cluster.url })
    await admin.connect()
    await admin.query('create database shuoshi')
    await admin.end()
    const url = new URL(cluster.url)
    url.pathname = '/shuoshi'
    database = openDatabase({
      databaseUrl: url.toString(),
      onConnectionError: (error) => connectionErrors.push(error),
    })
    await migrateToLatest(database.db)
    await seedDemoCounty(database.db)
    const config = loadConfig({
      STATIC_DIR: '/nonexistent',
      SEED_DEMO: 'false',
      LOAD_SHED_LAG_MS: '0',
    })
    app = await buildApp({ config, database, logger: false, kinds: MEMO_KINDS })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    await database.close()
    await cluster.stop()
  })

  const health = () => app.inject({ method: 'GET', url: '/api/health' })
  const login = () =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { phone: PHONES.gridWorker, password: DEMO_PASSWORD },
    })
  const signIn = () => loginTo(app, PHONES.gridWorker)

  it('answers 503 while the database is down, survives the cut connections, and serves again afterwards', async () => {
    const cookie = await signIn()
    // Several idle connections in the pool, as a busy server has.
    const before = await Promise.all(
      Array.from({ length: 5 }, () => pushRaw(app, cookie, { mutations: [createMemo(PATHS.g1)] })),
    )
    expect(before.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200])

    await cluster.halt()

    const refused = createMemo(PATHS.g1)
    const down = {
      health: await health(),
      login: await login(),
      push: await pushRaw(app, cookie, { mutations: [refused] }),
      pull: await pullRaw(app, cookie),
    }
    for (const [what, response] of Object.entries(down)) {
      expect(response.statusCode, `${what}: ${response.body}`).toBe(503)
    }
    expect(down.health.json()).toMatchObject({
      status: 'degraded',
      problems: ['database_unavailable'],
    })
    expect(down.login.json()).toEqual(UNAVAILABLE)
    expect(down.push.json()).toEqual(UNAVAILABLE)
    expect(down.login.headers['retry-after']).toBe('30')
    // The shutdown cut the pool's idle connections: reported, not thrown.
    expect(connectionErrors.length).toBeGreaterThan(0)
    console.log(
      `connections cut by the restart: ${connectionErrors.length} (${[
        ...new Set(connectionErrors.map((error) => error.message)),
      ].join('; ')})`,
    )

    await cluster.resume()

    expect((await health()).statusCode).toBe(200)
    const again = await signIn()
    // The push refused during the outage, sent again: nothing was lost.
    const resent = await pushRaw(app, again, { mutations: [refused] })
    expect(resent.statusCode, resent.body).toBe(200)
    expect(resent.json()).toMatchObject({ results: [{ id: refused.id, status: 'applied' }] })
    expect((await pullRaw(app, cookie)).statusCode).toBe(200)
  })

  it('loses nothing and applies nothing twice when PostgreSQL is killed -9 in the middle of pushes', async () => {
    const cookie = await signIn()
    const batches = Array.from({ length: 20 }, () =>
      Array.from({ length: 5 }, () => createMemo(PATHS.g1)),
    )
    const inFlight = batches.map((mutations) => pushRaw(app, cookie, { mutations }))
    // Pull the plug as soon as the first push is through: the others are
    // somewhere inside their per-mutation transactions.
    await Promise.race(inFlight)
    await cluster.crash()
    const during = await Promise.all(inFlight)
    const statuses = during.map((response) => response.statusCode)
    console.log(
      `pushes around a kill -9: ${statuses.filter((s) => s === 200).length} × 200, ` +
        `${statuses.filter((s) => s === 503).length} × 503`,
    )
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true)

    await cluster.resume()

    // Every device sends again what it has no answer for, here: everything.
    const cookieAfter = await signIn()
    const resent = { applied: 0, duplicate: 0 }
    for (const mutations of batches) {
      const response = await pushRaw(app, cookieAfter, { mutations })
      expect(response.statusCode, response.body).toBe(200)
      const { results } = response.json<{ results: Array<{ status: string; original?: string }> }>()
      for (const result of results) {
        resent[result.status === 'applied' ? 'applied' : 'duplicate']++
        expect(
          result.status === 'applied' || result.original === 'applied',
          JSON.stringify(result),
        ).toBe(true)
      }
    }
    console.log(
      `re-sent 100 mutations: ${resent.duplicate} had committed before the kill (duplicate), ${resent.applied} applied now`,
    )
    await expectCreatedOnce(database, batches.flat())
  })
})
