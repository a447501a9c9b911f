/**
 * The device's sync module (real Dexie on fake-indexeddb) against the real
 * server, with the product's issue kind: offline capture, the village's
 * decision, a conflicting change refused with a Chinese reason and shown to
 * its author, discard back to the server's version, an outdated app keeping
 * its outbox, and a replaced server database (new epoch) keeping it too.
 */
import 'fake-indexeddb/auto'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { kindRegistry, type Actor } from '#shared/sync/record-kind.ts'
import { issueKind } from '#shared/issue/issue.kind.ts'
import { sampleCapture } from '#shared/issue/issue.fixtures.ts'
import { AppDb, type OutboxEntry } from '#app/db/app-db.ts'
import { saveChange, syncState } from '#app/sync/local-store.ts'
import { pushOutbox } from '#app/sync/push.ts'
import { pullAll } from '#app/sync/pull.ts'
import { ApiError } from '#app/api/http.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { injectTransport } from '../support/inject-transport.ts'
import { PATHS, PHONES, userIdOf, type Person } from '../support/demo-county.ts'

const KINDS = kindRegistry([issueKind])

interface Phone {
  db: AppDb
  actor: Omit<Actor, 'at'>
  transport: ReturnType<typeof injectTransport>
  sync(): Promise<void>
  save(input: Parameters<typeof saveChange>[3]): Promise<OutboxEntry>
}

describe.each(DIALECTS)('device sync module with issue reports on %s', (dialect) => {
  let server: TestServer
  const phones: AppDb[] = []

  beforeEach(async () => {
    server = await createTestServer(dialect)
  })
  afterEach(async () => {
    for (const db of phones.splice(0)) {
      db.close()
      await db.delete()
    }
    await server.close()
  })

  async function phone(
    person: Person,
    unit: string,
    orgPath: string,
    role: Actor['role'],
    schemaVersion?: number,
  ): Promise<Phone> {
    const cookie = await server.login(PHONES[person])
    const db = new AppDb(`client-${dialect}-${person}-${Math.random()}`)
    phones.push(db)
    const actor = { userId: userIdOf(person), userName: person, role, orgUnitId: unit, orgPath }
    const actorFor = (entry: OutboxEntry) => ({ ...actor, at: entry.createdAt })
    const transport = injectTransport({
      app: () => server.app,
      cookie: () => cookie,
      schemaVersion,
    })
    return {
      db,
      actor,
      transport,
      async sync() {
        await pushOutbox(db, transport, KINDS, actorFor, actor.userId)
        await pullAll(db, transport, KINDS, actorFor, { limit: 2 })
      },
      save: (input) => saveChange(db, KINDS, { ...actor, at: new Date().toISOString() }, input),
    }
  }

  const gridWorker = () => phone('gridWorker', 'demo-t1-v1-g1', PATHS.g1, 'grid_worker')
  const villageCadre = () => phone('villageCadre', 'demo-t1-v1', PATHS.v1, 'village_cadre')
  const capture = (title: string) => ({
    kind: 'issue',
    op: 'create',
    payload: { ...sampleCapture(), title, gridId: 'demo-t1-v1-g1', orgPath: PATHS.g1 },
  })

  it('keeps reports saved offline, pushes them once online, and the village sees them', async () => {
    const grid = await gridWorker()
    const saved = [await grid.save(capture('路灯不亮')), await grid.save(capture('水渠堵塞'))]
    expect(await grid.db.outbox.count()).toBe(2)
    expect((await grid.db.records.toArray()).map((record) => record.data.status)).toEqual([
      'registered',
      'registered',
    ])

    await grid.sync()
    expect(await grid.db.outbox.count()).toBe(0)
    const synced = await grid.db.records.toArray()
    expect(synced.every((record) => record.version === 1 && record.hasPending === 0)).toBe(true)

    const cadre = await villageCadre()
    await cadre.sync()
    const seen = await cadre.db.records.toArray()
    expect(seen.map((record) => record.id).sort()).toEqual(
      saved.map((entry) => entry.recordId).sort(),
    )
    // The village handles the matter: it sees the resident's contact in full.
    expect(seen[0]?.data.resident).toMatchObject({ phone: '13812341234' })
  })

  it("shows the village's decision on the grid worker's phone after a pull", async () => {
    const grid = await gridWorker()
    const { recordId } = await grid.save(capture('邻里纠纷'))
    await grid.sync()
    const cadre = await villageCadre()
    await cadre.sync()
    await cadre.save({ kind: 'issue', recordId, op: 'transition', payload: { action: 'accept' } })
    await cadre.sync()
    await grid.sync()
    const record = await grid.db.records.get(`issue:${recordId}`)
    expect(record?.data.status).toBe('accepted')
    expect(record?.version).toBe(2)
  })

  it('refuses a change that no longer fits, shows the Chinese reason to its author, and discard restores the server version', async () => {
    const grid = await gridWorker()
    const { recordId } = await grid.save(capture('道路破损'))
    await grid.sync()
    const cadre = await villageCadre()
    await cadre.sync()
    // Offline at the same time: the cadre accepts, the grid worker edits the title.
    await cadre.save({ kind: 'issue', recordId, op: 'transition', payload: { action: 'accept' } })
    await grid.save({ kind: 'issue', recordId, op: 'update', payload: { title: '道路破损严重' } })
    await cadre.sync()
    await grid.sync()

    const [refused] = await grid.db.outbox.toArray()
    expect(refused?.status).toBe('rejected')
    expect(refused?.rejection?.message).toMatch(/[\u4e00-\u9fa5]/)
    const key = `issue:${recordId}`
    const shown = await grid.db.records.get(key)
    expect(shown?.serverData?.status).toBe('accepted')
    expect(shown?.hasPending).toBe(1)

    // Discard (as the 同步 page does): the record is the server's again.
    await grid.db.transaction('rw', grid.db.records, grid.db.outbox, async () => {
      await grid.db.outbox.clear()
    })
    await grid.sync()
    const restored = await grid.db.records.get(key)
    expect(restored?.data.title).toBe('道路破损')
    expect(restored?.data.status).toBe('accepted')
  })

  it('keeps the outbox untouched when the server says the app is outdated', async () => {
    const old = await phone('gridWorker', 'demo-t1-v1-g1', PATHS.g1, 'grid_worker', 0)
    await old.save(capture('旧版本登记'))
    const error = await old.sync().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(426)
    expect(await old.db.outbox.count()).toBe(1)
    expect(await server.database.db.selectFrom('sync_record').select('key').execute()).toHaveLength(
      0,
    )
  })

  it('starts over and keeps unsynced changes when the server database was replaced (new epoch)', async () => {
    const grid = await gridWorker()
    await grid.save(capture('第一条'))
    await grid.sync()
    const before = await syncState(grid.db)
    expect(before.epoch).toBeTruthy()
    // The county restores another database: a new epoch.
    await sql`update sync_meta set value = 'restored-epoch' where key = 'epoch'`.execute(
      server.database.db,
    )
    await grid.save(capture('恢复后登记'))
    await grid.sync()
    await grid.sync()
    const after = await syncState(grid.db)
    expect(after.epoch).toBe('restored-epoch')
    expect(await grid.db.outbox.count()).toBe(0)
    const titles = (await grid.db.records.toArray()).map((record) => record.data.title).sort()
    expect(titles).toEqual(['恢复后登记', '第一条'].sort())
  })
})
