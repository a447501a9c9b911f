/**
 * The lean pull encoding (issue #13.2) through the real server, with issue
 * reports built by the real issue kind: a lean page decodes to exactly the
 * page a device from before the encoding gets (also compressed), and a device
 * from before the encoding still copies the same records.
 */
import 'fake-indexeddb/auto'
import { brotliDecompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PullResponse } from '#shared/sync/sync.protocol.ts'
import { decodePullPage, LEAN_WIRE, type LeanPullResponse } from '#shared/sync/wire.ts'
import { AppDb, type OutboxEntry } from '#app/db/app-db.ts'
import { pullAll } from '#app/sync/pull.ts'
import { decodeCursor } from '#server/sync/cursor.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { injectTransport } from '../support/inject-transport.ts'
import { pullRaw, SCHEMA_HEADERS } from '../support/sync-client.ts'
import { PATHS, PHONES, userIdOf } from '../support/demo-county.ts'
import { loadIssues } from '../bench/support/bulk-issues.ts'

const REPORTS = 60

/**
 * A first page's cursor carries the log position its own request took before
 * the copy began (on PostgreSQL the cluster's snapshot xmin, which any other
 * transaction in the cluster may move between two requests): two first pages
 * are the same page when all but that position is.
 */
function withoutLogStart(body: unknown): unknown {
  const page = body as { cursor: string }
  const cursor = Object.entries(decodeCursor(page.cursor) ?? {}).filter(([key]) => key !== 'from')
  return { ...page, cursor: Object.fromEntries(cursor) }
}
/** Small pages, so the walk crosses several snapshot pages and the log. */
const LIMIT = 17

describe.each(DIALECTS)('lean pull pages on %s', (dialect) => {
  let server: TestServer
  let cookie: string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await loadIssues(server.database, { count: REPORTS, villageId: 'demo-t1-v1', seed: 13 })
    cookie = await server.login(PHONES.villageCadre)
  })
  afterAll(async () => {
    await server.close()
  })

  async function page(cursor: string | null, wire: string | null, encoding?: string) {
    const response = await pullRaw(server.app, cookie, {
      cursor,
      limit: LIMIT,
      headers: {
        ...SCHEMA_HEADERS,
        ...(encoding ? { 'accept-encoding': encoding } : {}),
      },
      ...(wire ? { wire } : {}),
    })
    expect(response.statusCode).toBe(200)
    const text =
      response.headers['content-encoding'] === 'br'
        ? brotliDecompressSync(response.rawPayload).toString('utf8')
        : response.body
    return { body: JSON.parse(text) as unknown, bytes: response.rawPayload.length }
  }

  it('decodes every lean page to exactly the page a device without it gets', async () => {
    let cursor: string | null = null
    let records = 0
    let plainBytes = 0
    let leanBytes = 0
    for (let pages = 0; pages < 20; pages++) {
      const plain = await page(cursor, null)
      const lean = await page(cursor, String(LEAN_WIRE))
      const leanBr = await page(cursor, String(LEAN_WIRE), 'br')
      const leanPage = lean.body as LeanPullResponse
      expect(leanPage.wire).toBe(LEAN_WIRE)
      const decoded = decodePullPage(leanPage)
      if (cursor === null) expect(withoutLogStart(decoded)).toEqual(withoutLogStart(plain.body))
      else expect(JSON.stringify(decoded)).toBe(JSON.stringify(plain.body))
      expect(leanBr.body).toEqual(lean.body)
      const plainPage = plain.body as PullResponse
      records += plainPage.changes.length
      plainBytes += plain.bytes
      leanBytes += lean.bytes
      cursor = plainPage.cursor
      if (!plainPage.hasMore) break
    }
    expect(records).toBeGreaterThanOrEqual(REPORTS)
    expect(leanBytes).toBeLessThan(plainBytes / 2)
  })

  it('answers a wire encoding it does not know with the plain page, not an error', async () => {
    const unknown = await page(null, '99')
    const plain = await page(null, null)
    expect(unknown.body).not.toHaveProperty('wire')
    expect(withoutLogStart(unknown.body)).toEqual(withoutLogStart(plain.body))
  })

  it('lets a device from before the lean encoding copy the same records as a new one', async () => {
    const actor = {
      userId: userIdOf('villageCadre'),
      userName: 'villageCadre',
      role: 'village_cadre' as const,
      orgUnitId: 'demo-t1-v1',
      orgPath: PATHS.v1,
    }
    const actorFor = (entry: OutboxEntry) => ({ ...actor, at: entry.createdAt })
    const copies: unknown[] = []
    for (const wire of ['plain', 'lean'] as const) {
      const db = new AppDb(`wire-${dialect}-${wire}-${Math.random()}`)
      try {
        const transport = injectTransport({ app: () => server.app, cookie: () => cookie, wire })
        await pullAll(db, transport, defaultKinds, actorFor, { limit: LIMIT })
        copies.push(await db.records.orderBy('key').toArray())
      } finally {
        db.close()
        await db.delete()
      }
    }
    const [old, lean] = copies
    expect((old as unknown[]).length).toBeGreaterThanOrEqual(REPORTS)
    expect(lean).toEqual(old)
  })
})
