/**
 * Load shedding (ADR 0008) on the real server, SQLite and PostgreSQL: while
 * the event loop lags past LOAD_SHED_LAG_MS, a push or pull is answered at
 * once with 503 `server_busy` + Retry-After and stores nothing; sign-in is
 * never shed; once the loop keeps up, the same push is applied. The lag is
 * made by blocking the loop on purpose, so nothing here depends on timing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { SHED_RETRY_AFTER_SECONDS } from '#server/plugins/load-shedding.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { PHONES } from '../support/demo-county.ts'
import { kindMutation, newRecordId } from '../support/memo-kind.ts'
import { pullRaw, pushRaw, syncWrites } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const MAX_LAG_MS = 100

/** A grid worker's new issue report. */
const newReport = (title: string) =>
  kindMutation('issue', newRecordId(), 'create', sampleCreatePayload({ title, photos: [] }))

/** Keeps the event loop busy for `ms`, as a saturated server's loop is. */
function blockLoop(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // busy on purpose
  }
}

describe.each(DIALECTS)('load shedding on %s', (dialect) => {
  let server: TestServer
  let cookie: string

  beforeAll(async () => {
    server = await createTestServer(dialect, { env: { LOAD_SHED_LAG_MS: String(MAX_LAG_MS) } })
    cookie = await server.login(PHONES.gridWorker)
  })
  afterAll(() => server.close())

  /** Sends `send` until the server is no longer shedding (the loop caught up). */
  async function whenCaughtUp<T extends { statusCode: number }>(send: () => Promise<T>) {
    for (;;) {
      const response = await send()
      if (response.statusCode !== 503) return response
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  it('answers a push 503 with Retry-After while the loop lags, stores nothing, then applies it', async () => {
    const report = newReport('早高峰')
    const before = await syncWrites(server.database)
    blockLoop(4 * MAX_LAG_MS)
    const shed = await pushRaw(server.app, cookie, { mutations: [report] })
    expect(shed.statusCode).toBe(503)
    expect(shed.headers['retry-after']).toBe(String(SHED_RETRY_AFTER_SECONDS))
    expect(shed.json()).toEqual({ code: 'server_busy', message: ERROR_MESSAGES.server_busy })
    expect(await syncWrites(server.database)).toEqual(before)

    const applied = await whenCaughtUp(() => pushRaw(server.app, cookie, { mutations: [report] }))
    expect(applied.statusCode).toBe(200)
    expect(applied.json<{ results: Array<{ status: string }> }>().results).toEqual([
      expect.objectContaining({ status: 'applied' }),
    ])
  })

  it('sheds a pull the same way, and never a sign-in', async () => {
    blockLoop(4 * MAX_LAG_MS)
    const pull = await pullRaw(server.app, cookie)
    expect(pull.statusCode).toBe(503)
    expect(pull.headers['retry-after']).toBe(String(SHED_RETRY_AFTER_SECONDS))

    blockLoop(4 * MAX_LAG_MS)
    expect((await server.login(PHONES.villageCadre)).length).toBeGreaterThan(0)
    expect((await whenCaughtUp(() => pullRaw(server.app, cookie))).statusCode).toBe(200)
  })
})

describe('load shedding turned off (LOAD_SHED_LAG_MS=0)', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await createTestServer('sqlite')
  })
  afterAll(() => server.close())

  it('answers a push however far the loop lags', async () => {
    const cookie = await server.login(PHONES.gridWorker)
    blockLoop(4 * MAX_LAG_MS)
    const response = await pushRaw(server.app, cookie, {
      mutations: [newReport('不限流')],
    })
    expect(response.statusCode).toBe(200)
  })
})
