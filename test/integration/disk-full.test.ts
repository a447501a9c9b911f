/**
 * A full disk: every request that must write answers 507 with a Chinese
 * reason saying the records are safe on the phone (never a bare 500), reads
 * keep working, /api/health says so, and once space returns the same server
 * serves again and the refused push goes through when re-sent.
 *
 * How the disk fills, for real, without filling this machine's disk:
 * - SQLite: `PRAGMA max_page_count = <page_count>` on the server's own
 *   connection, then the tables a login writes are filled to the last byte
 *   of their last page. Every write that needs a new page then fails with
 *   SQLITE_FULL, exactly as on a full disk (SQLite reports ENOSPC as
 *   SQLITE_FULL too). Raising the limit is "space returns".
 * - PostgreSQL: a trigger on every table that raises SQLSTATE 53100
 *   (`disk_full`), the error PostgreSQL raises when it cannot extend a file.
 *   Dropping the triggers is "space returns".
 */
import 'fake-indexeddb/auto'
import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { issueKind } from '#shared/issue/issue.kind.ts'
import { sampleCapture } from '#shared/issue/issue.fixtures.ts'
import { kindRegistry } from '#shared/sync/record-kind.ts'
import { AppDb } from '#app/db/app-db.ts'
import { saveChange } from '#app/sync/local-store.ts'
import { SyncEngine, type SyncStatus } from '#app/sync/sync-engine.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { PATHS, PHONES, userIdOf } from '../support/demo-county.ts'
import { injectTransport } from '../support/inject-transport.ts'
import { PNG_SIGNATURE } from '../support/png.ts'
import { pullRaw } from '../support/sync-client.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const KINDS = kindRegistry([issueKind])
const FULL = {
  code: 'server_storage_full',
  message: '服务器存储空间已满，记录仍安全保存在手机上，请稍后再同步',
}

describe.each(DIALECTS)('a full disk on %s', (dialect) => {
  let server: TestServer
  let cookie: string
  const phones: AppDb[] = []

  beforeEach(async () => {
    server = await createTestServer(dialect, { onDisk: true })
    cookie = await server.login(PHONES.gridWorker)
    // A server in use: its first pull has made the sync epoch.
    expect((await pullRaw(server.app, cookie)).statusCode).toBe(200)
  })
  afterEach(async () => {
    for (const db of phones.splice(0)) {
      db.close()
      await db.delete()
    }
    await server.close()
  })

  async function fillDisk(): Promise<void> {
    const { db } = server.database
    if (dialect === 'postgres') {
      await sql`create function shuoshi_test_disk_full() returns trigger language plpgsql as $$
        begin
          raise exception 'could not extend file: No space left on device' using errcode = 'disk_full';
        end $$`.execute(db)
      for (const table of await userTables()) {
        await sql`create trigger shuoshi_test_disk_full before insert or update on ${sql.table(table)}
          for each row execute function shuoshi_test_disk_full()`.execute(db)
      }
      return
    }
    const [row] = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows
    await sql.raw(`pragma max_page_count = ${row?.page_count ?? 0}`).execute(db)
    // Fill the last pages that still have room, where the next logins' rows
    // go: attempt counters (live windows, so pruning frees nothing), live
    // sessions of the township.
    let i = 0
    await fillUntilFull(() =>
      db
        .insertInto('rate_limit')
        .values({ key: `fill:${i++}`, window_ends_at: '2999-01-01T00:00:00.000Z', attempts: 1 })
        .execute(),
    )
    await fillUntilFull(() =>
      db
        .insertInto('session')
        .values({
          token_hash: createHash('sha256').update(randomBytes(32)).digest('hex'),
          user_id: userIdOf('township'),
          created_at: '2000-01-01T00:00:00.000Z',
          // Live, so that a login's pruning of ended sessions frees nothing.
          expires_at: '2999-01-01T00:00:00.000Z',
        })
        .execute(),
    )
  }

  /** Inserts until a hundred inserts in a row fail with SQLITE_FULL. */
  async function fillUntilFull(insert: () => Promise<unknown>): Promise<void> {
    for (let failures = 0; failures < 100;) {
      try {
        await insert()
        failures = 0
      } catch (error) {
        expect(error).toMatchObject({ code: 'SQLITE_FULL' })
        failures++
      }
    }
  }

  async function freeDisk(): Promise<void> {
    const { db } = server.database
    if (dialect === 'postgres') {
      for (const table of await userTables()) {
        await sql`drop trigger shuoshi_test_disk_full on ${sql.table(table)}`.execute(db)
      }
      await sql`drop function shuoshi_test_disk_full()`.execute(db)
      return
    }
    await sql.raw('pragma max_page_count = 1073741823').execute(server.database.db)
  }

  async function userTables(): Promise<string[]> {
    const { rows } = await sql<{ table_name: string }>`select table_name
      from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
        and table_name not like 'kysely_%'`.execute(server.database.db)
    return rows.map((row) => row.table_name)
  }

  const login = (phone: string, password: string) =>
    server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password } })
  const health = async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/health' })
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() }
  }
  /** 200 KB behind a PNG signature: the server checks the type by its first bytes. */
  const photo = () => Buffer.concat([PNG_SIGNATURE, randomBytes(200_000)])
  const upload = (data: Buffer) =>
    server.app.inject({
      method: 'PUT',
      url: `/api/blobs/${createHash('sha256').update(data).digest('hex')}`,
      headers: { cookie, 'content-type': 'image/png' },
      payload: data,
    })

  it('answers logins, a photo upload and health with a clear storage-full answer, never a 500', async () => {
    await fillDisk()

    const wrong = await login(PHONES.villageCadre, 'not-the-password-1')
    expect(wrong.statusCode, wrong.body).toBe(507)
    expect(wrong.json()).toEqual(FULL)
    expect(wrong.headers['retry-after']).toBe('30')

    const right = await login(PHONES.township, DEMO_PASSWORD)
    expect(right.statusCode, right.body).toBe(507)
    expect(right.json()).toEqual(FULL)

    const blobsBefore = await countRows(server.database, 'blob')
    const uploaded = await upload(photo())
    expect(uploaded.statusCode, uploaded.body).toBe(507)
    expect(uploaded.json()).toEqual(FULL)
    expect(await countRows(server.database, 'blob')).toBe(blobsBefore)

    // Reading still works: a signed-in device can pull.
    expect((await pullRaw(server.app, cookie)).statusCode).toBe(200)

    const sick = await health()
    expect(sick.status).toBe(503)
    expect(sick.body).toMatchObject({ status: 'degraded', problems: ['storage_full'] })

    await freeDisk()
    expect((await login(PHONES.villageCadre, 'not-the-password-1')).statusCode).toBe(401)
    expect((await login(PHONES.township, DEMO_PASSWORD)).statusCode).toBe(200)
    const again = await upload(photo())
    expect(again.statusCode, again.body).toBe(201)
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', problems: [] } })
  })

  it('keeps a report on the phone while the server is full, says so on the 同步 page, and delivers it once space returns', async () => {
    const db = new AppDb(`disk-full-${dialect}-${Math.random()}`)
    phones.push(db)
    const actor = {
      userId: userIdOf('gridWorker'),
      userName: 'gridWorker',
      role: 'grid_worker' as const,
      orgUnitId: 'demo-t1-v1-g1',
      orgPath: PATHS.g1,
    }
    const statuses: SyncStatus[] = []
    const engine = new SyncEngine({
      db,
      transport: injectTransport({ app: () => server.app, cookie: () => cookie }),
      kinds: KINDS,
      actor: () => actor,
      onStatus: (status) => statuses.push(status),
    })
    // A long description: the record needs new pages on the server's disk.
    const saved = await saveChange(
      db,
      KINDS,
      { ...actor, at: new Date().toISOString() },
      {
        kind: 'issue',
        op: 'create',
        payload: {
          ...sampleCapture(),
          title: '水渠堵塞',
          description: '渠道淤积，水漫进了农田。'.repeat(150),
          gridId: 'demo-t1-v1-g1',
          orgPath: PATHS.g1,
        },
      },
    )
    await fillDisk()
    const recordsBefore = await countRows(server.database, 'sync_record')

    await engine.syncOnce()
    expect(statuses.at(-1)).toMatchObject({ phase: 'error', lastError: FULL.message })
    expect((await db.syncMeta.get('state'))?.lastError).toBe(FULL.message)
    expect(await db.outbox.toArray()).toMatchObject([{ id: saved.id, status: 'pending' }])
    expect(await countRows(server.database, 'sync_record')).toBe(recordsBefore)

    await freeDisk()
    await engine.syncOnce()
    expect(statuses.at(-1)).toMatchObject({ phase: 'idle', lastError: null })
    expect(await db.outbox.count()).toBe(0)
    const stored = await server.database.db
      .selectFrom('sync_record')
      .select('version')
      .where('key', '=', `issue:${saved.recordId}`)
      .execute()
    expect(stored).toEqual([{ version: 1 }])
  })

  it('reports the free space of the data folder, and a disk below DISK_LOW_MB as degraded', async () => {
    const ok = await health()
    expect(ok.status).toBe(200)
    if (dialect === 'postgres') {
      // The database's disk is on the database host: only a refused write tells.
      expect(ok.body.disk).toBeNull()
      return
    }
    expect(ok.body.disk).toMatchObject({
      lowBytes: 500 * 1024 * 1024,
      freeBytes: expect.any(Number),
    })
    console.log(`health on a real data folder: ${JSON.stringify(ok.body.disk)}`)

    // A threshold above what any test machine has free: the same disk now counts as low.
    const strict = await createTestServer(dialect, {
      onDisk: true,
      env: { DISK_LOW_MB: String(1024 * 1024 * 1024) },
    })
    try {
      const low = await strict.app.inject({ method: 'GET', url: '/api/health' })
      expect(low.statusCode).toBe(503)
      expect(low.json()).toMatchObject({ status: 'degraded', problems: ['disk_low'] })
    } finally {
      await strict.close()
    }
  })
})
