// A record stored once, its lean list row, and the upgrade of existing devices.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import type { PullResponse } from '#shared/sync/sync.protocol.ts'
import { kindRegistry, type Actor } from '#shared/sync/record-kind.ts'
import { issueKind } from '#shared/issue/issue.kind.ts'
import { DEMO_ACTORS, sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { rebase, saveChange, serverCopy } from '#app/sync/local-store.ts'
import { applyPage } from '#app/sync/pull.ts'
import { AppDb, type LocalRecord, type OutboxEntry } from './app-db.ts'
import { SCHEMA_VERSION, SCHEMA_VERSIONS } from './schema.ts'

const KINDS = kindRegistry([issueKind])
const actor = DEMO_ACTORS.gridWorker
const actorFor = (entry: OutboxEntry): Actor => ({ ...actor, at: entry.createdAt })
const opened: Dexie[] = []
const dbName = () => `app-db-${Math.random()}`

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close()
    await db.delete()
  }
})

function open(name: string): AppDb {
  const db = new AppDb(name)
  opened.push(db)
  return db
}

/** An issue report as the issue kind makes it. */
function issueData(title = '村口路灯不亮'): Record<string, unknown> {
  const mutation = { op: 'create', payload: sampleCreatePayload({ title }), baseVersion: 0 }
  return issueKind.apply(null, mutation, actor)
}

/** A pull page that puts one record as the server has it. */
function putPage(id: string, data: Record<string, unknown>, version: number): PullResponse {
  const record = { kind: 'issue', id, version, orgPath: actor.orgPath, updatedAt: actor.at, data }
  return {
    changes: [{ op: 'put' as const, record }],
    cursor: `c${version}`,
    hasMore: false,
    reset: false,
    progress: null,
    epoch: 'e1',
  }
}

describe('a record stored once', () => {
  it('keeps the server copy only while the record has outbox entries', async () => {
    const db = open(dbName())
    const key = 'issue:r1'
    await applyPage(db, KINDS, actorFor, putPage('r1', issueData(), 1), false)
    const synced = await db.records.get(key)
    expect(synced && 'serverData' in synced).toBe(false)
    expect(synced && serverCopy(synced)?.title).toBe('村口路灯不亮')

    await saveChange(db, KINDS, actor, {
      kind: 'issue',
      recordId: 'r1',
      op: 'update',
      payload: { title: '本机修改' },
    })
    const edited = await db.records.get(key)
    expect(edited?.data.title).toBe('本机修改')
    expect(edited?.serverData?.title).toBe('村口路灯不亮')

    // A newer server state arrives under the pending change: it is rebased.
    await applyPage(db, KINDS, actorFor, putPage('r1', issueData('服务器标题'), 2), false)
    expect((await db.records.get(key))?.serverData?.title).toBe('服务器标题')
    expect((await db.records.get(key))?.data.title).toBe('本机修改')

    // The server accepted it: the outbox is empty, the copy goes.
    await db.transaction('rw', db.records, db.outbox, async () => {
      await db.outbox.clear()
      await rebase(db, KINDS, actorFor, key, {
        data: { ...issueData('本机修改') },
        version: 3,
        orgPath: actor.orgPath,
        updatedAt: actor.at,
      })
    })
    const accepted = await db.records.get(key)
    expect(accepted?.hasPending).toBe(0)
    expect(accepted && 'serverData' in accepted).toBe(false)
  })

  it('keeps a lean list row in step with every write of the records', async () => {
    const db = open(dbName())
    await applyPage(db, KINDS, actorFor, putPage('r1', issueData(), 1), false)
    const created = await saveChange(db, KINDS, actor, {
      kind: 'issue',
      op: 'create',
      payload: sampleCreatePayload({ title: '新登记' }),
    })
    const rows = await db.rows.orderBy('[kind+sortKey]').toArray()
    expect(rows.map((row) => [row.id, row.data.title, row.hasPending])).toEqual(
      expect.arrayContaining([
        ['r1', '村口路灯不亮', 0],
        [created.recordId, '新登记', 1],
      ]),
    )
    const row = rows.find((candidate) => candidate.id === 'r1')
    expect(row?.data).not.toHaveProperty('events')
    expect(JSON.stringify(row).length).toBeLessThan(
      JSON.stringify(await db.records.get('issue:r1')).length / 2,
    )

    await db.records.delete('issue:r1')
    expect(await db.rows.get('issue:r1')).toBeUndefined()
    // A fresh copy drops every synced record, and their rows with them.
    await applyPage(db, KINDS, actorFor, { ...putPage('r2', issueData(), 1), reset: true }, true)
    expect((await db.rows.toArray()).map((kept) => kept.id).sort()).toEqual(
      [created.recordId, 'r2'].sort(),
    )
  })
})

/** The database as version 3 of the app left it (before records were stored once). */
class DeviceBeforeV4 extends Dexie {
  constructor(name: string) {
    super(name)
    SCHEMA_VERSIONS.slice(0, 3).forEach((stores, index) => this.version(index + 1).stores(stores))
  }
}

describe('upgrading a device to version 4', () => {
  it('drops synced copies, keeps every unsynced change and fills the list rows', async () => {
    const name = dbName()
    const old = new DeviceBeforeV4(name)
    const server = issueData('服务器上的标题')
    const base = { kind: 'issue', orgPath: actor.orgPath, updatedAt: actor.at }
    const entry = (recordId: string, seq: number, payload: Record<string, unknown>) => ({
      seq,
      id: `m${seq}`,
      kind: 'issue',
      recordId,
      recordKey: `issue:${recordId}`,
      op: 'update',
      payload,
      baseVersion: 4,
      deviceId: 'd1',
      userId: actor.userId,
      createdAt: actor.at,
      status: seq === 1 ? 'pending' : 'rejected',
    })
    await old.table('records').bulkPut([
      { ...base, key: 'issue:synced', id: 'synced', version: 4, data: server, serverData: server },
      {
        ...base,
        key: 'issue:edited',
        id: 'edited',
        version: 4,
        data: { ...server, title: '本机修改' },
        serverData: server,
        hasPending: 1,
      },
      // Refused by the server, and never seen by it.
      {
        ...base,
        key: 'issue:refused',
        id: 'refused',
        version: 0,
        data: issueData('本机登记'),
        serverData: null,
        hasPending: 1,
      },
    ])
    await old
      .table('outbox')
      .bulkAdd([
        entry('edited', 1, { title: '本机修改' }),
        entry('refused', 2, { title: '本机登记' }),
      ])
    old.close()

    const db = open(name)
    expect(db.verno).toBe(SCHEMA_VERSION)
    const records = new Map((await db.records.toArray()).map((record) => [record.id, record]))
    const synced = records.get('synced') as LocalRecord
    expect('serverData' in synced).toBe(false)
    expect(synced.hasPending).toBe(0)
    expect(synced.data).toEqual(server)
    expect(records.get('edited')?.data.title).toBe('本机修改')
    expect(records.get('edited')?.serverData).toEqual(server)
    expect(records.get('refused')?.serverData).toBeNull()
    expect((await db.outbox.toArray()).map((kept) => kept.id)).toEqual(['m1', 'm2'])
    expect((await db.rows.toArray()).map((row) => [row.id, row.hasPending]).sort()).toEqual([
      ['edited', 1],
      ['refused', 1],
      ['synced', 0],
    ])

    // The kept copy still does its job: a newer server state rebases the change.
    await applyPage(db, KINDS, actorFor, putPage('edited', issueData('服务器新标题'), 5), false)
    const rebased = await db.records.get('issue:edited')
    expect(rebased?.data.title).toBe('本机修改')
    expect(rebased?.serverData?.title).toBe('服务器新标题')
  })
})

/** The database as version 4 of the app left it (lean rows for issue reports only). */
class DeviceAtV4 extends Dexie {
  constructor(name: string) {
    super(name)
    SCHEMA_VERSIONS.slice(0, 4).forEach((stores, index) => this.version(index + 1).stores(stores))
  }
}

describe('upgrading a device to version 5', () => {
  it("gives the desk's kinds their lean rows and keeps the issue rows and the records", async () => {
    const name = dbName()
    const old = new DeviceAtV4(name)
    const base = { orgPath: actor.orgPath, updatedAt: actor.at, version: 1, hasPending: 0 }
    const day = {
      date: '2026-12-10',
      place: '村说事站',
      orgPath: actor.orgPath,
      status: 'planned',
      mediators: [{ mediatorId: 'm1', name: '老李', level: 'village', userId: 'u-m1' }],
      topics: [{ title: '路灯' }],
      events: [{ action: 'plan' }],
    }
    const evaluation = {
      campaignId: 'c1',
      issuingDepartment: '/c/d/',
      finding: { responses: 3 },
      openedAt: actor.at,
      status: 'open',
    }
    await old.table('records').bulkPut([
      { ...base, key: 'meeting:d1', kind: 'meeting', id: 'd1', data: day },
      { ...base, key: 'post_evaluation:c1', kind: 'post_evaluation', id: 'c1', data: evaluation },
      { ...base, key: 'issue:i1', kind: 'issue', id: 'i1', data: issueData() },
      { ...base, key: 'mediator:m1', kind: 'mediator', id: 'm1', data: { name: '老李' } },
    ])
    // Version 4 wrote rows for issue reports only.
    await old.table('rows').put({
      key: 'issue:i1',
      kind: 'issue',
      id: 'i1',
      sortKey: actor.at,
      hasPending: 0,
      data: { title: '村口路灯不亮' },
    })
    old.close()

    const db = open(name)
    expect(db.verno).toBe(SCHEMA_VERSION)
    const rows = new Map((await db.rows.toArray()).map((row) => [row.key, row]))
    expect([...rows.keys()].sort()).toEqual(['issue:i1', 'meeting:d1', 'post_evaluation:c1'])
    expect(rows.get('meeting:d1')?.data).toEqual({
      date: '2026-12-10',
      place: '村说事站',
      orgPath: actor.orgPath,
      status: 'planned',
      mediators: [{ userId: 'u-m1' }],
    })
    expect(rows.get('post_evaluation:c1')?.data).toEqual({
      status: 'open',
      issuingDepartment: '/c/d/',
    })
    expect((await db.records.get('meeting:d1'))?.data).toEqual(day)
    expect(await db.records.count()).toBe(4)
    // The supervision screen's offline copy has its own store now.
    expect(db.tables.map((table) => table.name)).toContain('supervisionCache')
  })
})

describe('upgrading a device to version 6', () => {
  it('gives livelihood items the lean fields their source reports show', async () => {
    const name = dbName()
    const old = new Dexie(name)
    SCHEMA_VERSIONS.slice(0, 5).forEach((stores, index) => old.version(index + 1).stores(stores))
    const base = { orgPath: actor.orgPath, updatedAt: actor.at, version: 1, hasPending: 0 }
    const item = {
      name: '柳河村通组道路硬化',
      township: '/c/t/',
      status: 'returned',
      sourceIssueIds: ['i1'],
      returnReason: '明年再报',
      cancelReason: null,
      mergedInto: null,
      submissionDue: '2026-03-31',
      submittedAt: actor.at,
      plan: null,
      progress: [],
      delays: [],
      proposedAt: actor.at,
      events: [
        { action: 'propose', at: '2026-01-01T00:00:00.000Z', note: '' },
        { action: 'return', at: '2026-02-01T00:00:00.000Z', note: '明年再报' },
      ],
    }
    await old.table('records').put({
      ...base,
      key: 'livelihood_item:l1',
      kind: 'livelihood_item',
      id: 'l1',
      data: item,
    })
    // Version 5 wrote the row with the deadlines' fields only.
    await old.table('rows').put({
      key: 'livelihood_item:l1',
      kind: 'livelihood_item',
      id: 'l1',
      sortKey: actor.at,
      hasPending: 0,
      data: { status: 'returned', township: '/c/t/', progress: [], delays: [] },
    })
    old.close()

    const db = open(name)
    const row = await db.rows.get('livelihood_item:l1')
    expect(row?.data).toMatchObject({
      sourceIssueIds: ['i1'],
      returnReason: '明年再报',
      events: [{ action: 'return', at: '2026-02-01T00:00:00.000Z', note: '' }],
    })
  })
})
