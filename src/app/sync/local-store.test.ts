import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { kindRegistry, MutationRejection } from '#shared/sync/record-kind.ts'
import { issueKind } from '#shared/issue/issue.kind.ts'
import { DEMO_ACTORS, sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { AppDb } from '#app/db/app-db.ts'
import { StorageFullError } from './errors.ts'
import { rebase, saveChange } from './local-store.ts'

const KINDS = kindRegistry([issueKind])
const actor = DEMO_ACTORS.gridWorker
let db: AppDb

beforeEach(() => {
  db = new AppDb(`local-store-${Math.random()}`)
})
afterEach(async () => {
  db.close()
  await db.delete()
})

describe('saveChange (the outbox)', () => {
  it('writes the record and its outbox entry together, with ids made on the device', async () => {
    const entry = await saveChange(db, KINDS, actor, {
      kind: 'issue',
      op: 'create',
      payload: sampleCreatePayload(),
    })
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(entry.recordId).toMatch(/^[0-9a-f-]{36}$/)
    expect(entry.baseVersion).toBe(0)
    expect(entry.status).toBe('pending')
    const record = await db.records.get(`issue:${entry.recordId}`)
    expect(record?.data.status).toBe('registered')
    expect(record?.serverData).toBeNull()
    expect(record?.hasPending).toBe(1)
  })

  it('orders entries by a growing seq and keeps the base version the author saw', async () => {
    const first = await saveChange(db, KINDS, actor, {
      kind: 'issue',
      op: 'create',
      payload: sampleCreatePayload(),
    })
    await db.records.update(`issue:${first.recordId}`, { version: 3 })
    const second = await saveChange(db, KINDS, actor, {
      kind: 'issue',
      recordId: first.recordId,
      op: 'update',
      payload: { title: '新标题' },
    })
    expect(second.seq).toBeGreaterThan(first.seq ?? Infinity)
    expect(second.baseVersion).toBe(3)
  })

  it("refuses a change the kind's rules forbid and writes nothing", async () => {
    const attempt = saveChange(db, KINDS, actor, {
      kind: 'issue',
      op: 'create',
      payload: sampleCreatePayload({
        orgPath: DEMO_ACTORS.siblingGridWorker.orgPath,
        gridId: 'demo-t1-v1-g2',
      }),
    })
    await expect(attempt).rejects.toBeInstanceOf(MutationRejection)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.records.count()).toBe(0)
  })

  it('leaves the database unchanged and says so in Chinese when the disk is full', async () => {
    const existing = await saveChange(db, KINDS, actor, {
      kind: 'issue',
      op: 'create',
      payload: sampleCreatePayload(),
    })
    // The record write comes after the outbox write: failing it must undo both.
    db.records.hook('updating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const attempt = saveChange(db, KINDS, actor, {
      kind: 'issue',
      recordId: existing.recordId,
      op: 'update',
      payload: { title: '存储已满时的修改' },
    })
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError)
    await expect(attempt).rejects.toThrow(/存储空间已满/)
    expect(await db.outbox.count()).toBe(1)
    expect((await db.records.get(`issue:${existing.recordId}`))?.data.title).toBe('村口路灯不亮')
  })
})

describe('rebase', () => {
  it("puts the device's unsynced changes back on top of a newer server state", async () => {
    const created = await saveChange(db, KINDS, actor, {
      kind: 'issue',
      op: 'create',
      payload: sampleCreatePayload(),
    })
    const key = `issue:${created.recordId}`
    const serverState = (await db.records.get(key))?.data ?? {}
    await db.outbox.clear()
    await saveChange(db, KINDS, actor, {
      kind: 'issue',
      recordId: created.recordId,
      op: 'update',
      payload: { title: '本机修改' },
    })
    await db.transaction('rw', db.records, db.outbox, () =>
      rebase(db, KINDS, (entry) => ({ ...actor, at: entry.createdAt }), key, {
        data: { ...serverState, description: '服务器上的新描述' },
        version: 2,
        orgPath: actor.orgPath,
        updatedAt: actor.at,
      }),
    )
    const record = await db.records.get(key)
    expect(record?.version).toBe(2)
    expect(record?.serverData?.title).toBe('村口路灯不亮')
    expect(record?.data.title).toBe('本机修改')
    expect(record?.data.description).toBe('服务器上的新描述')
  })

  it('removes a record that exists neither on the server nor in the outbox', async () => {
    const created = await saveChange(db, KINDS, actor, {
      kind: 'issue',
      op: 'create',
      payload: sampleCreatePayload(),
    })
    await db.outbox.clear()
    await db.transaction('rw', db.records, db.outbox, () =>
      rebase(
        db,
        KINDS,
        (entry) => ({ ...actor, at: entry.createdAt }),
        `issue:${created.recordId}`,
      ),
    )
    expect(await db.records.count()).toBe(0)
  })
})
