import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_PULL_LIMIT, type Change, type SyncRecord } from '#shared/sync/sync.protocol.ts'
import { PATHS, PHONES, type Person } from '../support/demo-county.ts'
import { createMemo, MASKED, MEMO_KINDS, memoMutation, newRecordId } from '../support/memo-kind.ts'
import { memoData, saveMemo } from '../support/memo-writes.ts'
import { loginAll, pull, push, pushApplied, pushOne, Replica } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE: Person[] = [
  'gridWorker',
  'siblingGridWorker',
  'otherVillageGridWorker',
  'otherTownshipGridWorker',
  'villageCadre',
  'siblingVillageCadre',
  'township',
  'county',
  'department',
]
/** The unit path each person's scope is (their subtree). */
const SCOPE = {
  gridWorker: PATHS.g1,
  siblingGridWorker: PATHS.g2,
  otherVillageGridWorker: PATHS.v2g1,
  otherTownshipGridWorker: PATHS.t2g1,
  villageCadre: PATHS.v1,
  siblingVillageCadre: PATHS.v2,
  township: PATHS.t1,
  county: PATHS.county,
  department: PATHS.dept1,
  villageMediator: PATHS.v1,
  otherDepartment: PATHS.dept2,
} satisfies Partial<Record<Person, string>>

describe.each(DIALECTS)('sync pull on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string
  beforeAll(async () => {
    server = await createTestServer(dialect, { kinds: MEMO_KINDS })
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  const replicaOf = (person: Person) => new Replica(server.app, as(person))
  /** A replica of everything `person` may see now, from a first sync. */
  const freshReplica = (person: Person, limit?: number) => replicaOf(person).sync(limit)
  const create = async (
    person: Person,
    path: string,
    fields: { text?: string; secret?: string } = {},
  ) => (await pushApplied(server.app, as(person), createMemo(path, fields))).id
  const apply = (person: Person, id: string, op: string, payload: Record<string, unknown> = {}) =>
    pushApplied(server.app, as(person), memoMutation(id, op, payload))
  /** The changes `replica` receives while it catches up. */
  async function changesWhileSyncing(replica: Replica, limit?: number): Promise<Change[]> {
    const seen = replica.pages.length
    await replica.sync(limit)
    return replica.pages.slice(seen).flatMap((page) => page.changes)
  }
  const put = (record: Partial<SyncRecord>) => ({
    op: 'put',
    record: expect.objectContaining(record),
  })

  it('pages a first sync through the snapshot with progress, then follows the log', async () => {
    // Another township's grid: no other test writes there.
    const ids: string[] = []
    for (let n = 0; n < 5; n++)
      ids.push(await create('otherTownshipGridWorker', PATHS.t2g1, { text: `第${n + 1}条` }))
    const replica = replicaOf('otherTownshipGridWorker')

    const pages = [await replica.step(2), await replica.step(2), await replica.step(2)]
    expect(pages.map((page) => page.progress)).toEqual([
      { done: 2, total: 5 },
      { done: 4, total: 5 },
      { done: 5, total: 5 },
    ])
    expect(pages.map((page) => [page.reset, page.hasMore, page.changes.length])).toEqual([
      [false, true, 2],
      [false, true, 2],
      [false, true, 1],
    ])
    // Snapshot pages go by key, and UUIDv7 keys follow creation order.
    expect(
      pages.flatMap((page) =>
        page.changes.map((change) => change.op === 'put' && change.record.id),
      ),
    ).toEqual(ids)

    const caughtUp = await replica.step(2)
    expect(caughtUp).toMatchObject({ reset: false, hasMore: false, changes: [], progress: null })
    expect(replica.ids()).toEqual([...ids].sort())

    const later = await create('otherTownshipGridWorker', PATHS.t2g1, { text: '之后新建的' })
    const fromLog = await replica.step(2)
    expect(fromLog).toMatchObject({
      hasMore: false,
      progress: null,
      changes: [put({ id: later, version: 1 })],
    })
    expect(await replica.step(2)).toMatchObject({ hasMore: false, changes: [] })
  })

  describe('scope', () => {
    const memos: Record<string, string> = {}
    beforeAll(async () => {
      memos.g1 = await create('gridWorker', PATHS.g1, { secret: 'g1-secret' })
      memos.g2 = await create('siblingGridWorker', PATHS.g2, { secret: 'g2-secret' })
      memos.v2 = await create('otherVillageGridWorker', PATHS.v2g1, { secret: 'v2-secret' })
      memos.t3 = await create('county', PATHS.t3, { secret: 't3-secret' })
      memos.dept1 = await create('gridWorker', PATHS.g1, { secret: 'dept1-secret' })
      await apply('villageCadre', memos.dept1, 'assign', { path: PATHS.dept1 })
      memos.dept2 = await create('siblingGridWorker', PATHS.g2, { secret: 'dept2-secret' })
      await apply('villageCadre', memos.dept2, 'assign', { path: PATHS.dept2 })
    })

    const VISIBLE: [keyof typeof SCOPE, string[]][] = [
      ['gridWorker', ['g1', 'dept1']],
      ['siblingGridWorker', ['g2', 'dept2']],
      ['villageCadre', ['g1', 'g2', 'dept1', 'dept2']],
      ['siblingVillageCadre', ['v2']],
      ['township', ['g1', 'g2', 'v2', 'dept1', 'dept2']],
      ['county', ['g1', 'g2', 'v2', 't3', 'dept1', 'dept2']],
      ['department', ['dept1']],
    ]

    it.each(VISIBLE)('shows %s only the memos of its scope', async (person, names) => {
      const replica = await freshReplica(person)
      const known = new Map(Object.entries(memos).map(([name, id]) => [id, name]))
      const seen = replica.ids().flatMap((id) => known.get(id) ?? [])
      expect(seen.sort()).toEqual([...names].sort())
      // And nothing else it receives lies outside its subtree.
      for (const record of replica.records.values()) {
        const { assignedPath } = record.data
        const inScope =
          record.orgPath.startsWith(SCOPE[person]) ||
          (typeof assignedPath === 'string' && assignedPath.startsWith(SCOPE[person]))
        expect(inScope, `${person} received ${record.orgPath}`).toBe(true)
      }
    })

    it.each([
      ['gridWorker', 'g1', 'g1-secret'],
      ['villageCadre', 'g1', 'g1-secret'],
      ['siblingGridWorker', 'dept2', 'dept2-secret'],
      ['township', 'g1', MASKED],
      ['township', 'v2', MASKED],
      ['county', 't3', MASKED],
      ['department', 'dept1', MASKED],
    ] as const)('shows %s the secret of memo %s as %s', async (person, name, secret) => {
      const replica = await freshReplica(person)
      expect(replica.records.get(memos[name] ?? '')?.data.secret).toBe(secret)
    })

    it('masks the secret for township staff in the log as well as in the snapshot', async () => {
      const replica = await freshReplica('township')
      await apply('gridWorker', memos.g1 ?? '', 'update', { text: '网格员补充了情况' })
      expect(await changesWhileSyncing(replica)).toEqual([
        put({ id: memos.g1, data: expect.objectContaining({ secret: MASKED }) }),
      ])
    })
  })

  it('tells the old grid to drop a memo moved to the sibling grid, and the new grid to add it', async () => {
    const id = await create('gridWorker', PATHS.g1, { text: '要移交的事' })
    const [g1, g2, village] = await Promise.all([
      freshReplica('gridWorker'),
      freshReplica('siblingGridWorker'),
      freshReplica('villageCadre'),
    ])
    expect(g1.records.has(id)).toBe(true)
    expect(g2.records.has(id)).toBe(false)

    await apply('villageCadre', id, 'move', { path: PATHS.g2 })

    expect(await changesWhileSyncing(g1)).toEqual([{ op: 'del', kind: 'memo', id }])
    expect(g1.records.has(id)).toBe(false)
    expect(await changesWhileSyncing(g2)).toEqual([put({ id, version: 2, orgPath: PATHS.g2 })])
    expect(await changesWhileSyncing(village)).toEqual([put({ id, version: 2, orgPath: PATHS.g2 })])
    // Out of sight is out of reach too.
    expect(
      await pushOne(server.app, as('gridWorker'), memoMutation(id, 'update', { text: '还想改' })),
    ).toMatchObject({
      status: 'rejected',
      code: 'out_of_scope',
      record: null,
    })
  })

  it('shows a department a memo while it is assigned to it, and drops it after', async () => {
    const id = await create('gridWorker', PATHS.g1, { secret: '13877778888' })
    const department = await freshReplica('department')
    await apply('villageCadre', id, 'assign', { path: PATHS.dept1 })
    expect(await changesWhileSyncing(department)).toEqual([
      put({
        id,
        version: 2,
        data: expect.objectContaining({ secret: MASKED, assignedPath: PATHS.dept1 }),
      }),
    ])
    await apply('villageCadre', id, 'assign', { path: null })
    expect(await changesWhileSyncing(department)).toEqual([{ op: 'del', kind: 'memo', id }])
  })

  it('ends with the same records whether it pulls one change per page or all at once', async () => {
    const [one, all] = await Promise.all([
      freshReplica('villageCadre', 1),
      freshReplica('villageCadre', MAX_PULL_LIMIT),
    ])
    expect(one.records).toEqual(all.records)

    // A history with every kind of change, including moves in and out of the village.
    const a = await create('gridWorker', PATHS.g1)
    const b = await create('gridWorker', PATHS.g1)
    const c = await create('siblingGridWorker', PATHS.g2)
    const outsider = await create('otherVillageGridWorker', PATHS.v2g1, { text: '外村的事' })
    await push(server.app, as('gridWorker'), [
      memoMutation(a, 'update', { text: '一' }),
      memoMutation(a, 'update', { text: '二' }),
      memoMutation(a, 'update', { photos: ['p1'] }),
      memoMutation(b, 'finish'),
    ])
    await apply('villageCadre', a, 'move', { path: PATHS.g2 })
    await apply('villageCadre', c, 'assign', { path: PATHS.dept1 })
    await apply('township', b, 'move', { path: PATHS.v2g1 })
    await apply('township', outsider, 'move', { path: PATHS.g1 })
    // Several changes in one transaction share one txid on PostgreSQL.
    const together = [newRecordId(), newRecordId(), newRecordId()]
    await server.database.db.transaction().execute(async (trx) => {
      await saveMemo(trx, dialect, together[0] ?? '', memoData(PATHS.g1, { text: '同一事务一' }))
      await saveMemo(
        trx,
        dialect,
        together[1] ?? '',
        memoData(PATHS.v2g1, { text: '同一事务二（外村）' }),
      )
      await saveMemo(trx, dialect, together[2] ?? '', memoData(PATHS.g2, { text: '同一事务三' }))
      await saveMemo(
        trx,
        dialect,
        c,
        memoData(PATHS.g2, { text: '同一事务里改', assignedPath: PATHS.dept1 }),
      )
      await saveMemo(trx, dialect, together[1] ?? '', memoData(PATHS.g1, { text: '移进本村' }))
    })
    await apply('gridWorker', together[0] ?? '', 'update', { text: '事务后又改' })

    await Promise.all([one.sync(1), all.sync(MAX_PULL_LIMIT)])
    const fresh = await freshReplica('villageCadre', 1)
    expect(one.records).toEqual(all.records)
    expect(one.records).toEqual(fresh.records)
    expect(one.records.has(b)).toBe(false)
    expect(one.records.get(outsider)?.orgPath).toBe(PATHS.g1)
    expect(one.records.get(together[1] ?? '')?.version).toBe(2)
    expect(one.regressions).toEqual([])
    expect(all.regressions).toEqual([])
    // One change per page really did page through the log one entry at a time.
    expect(one.pages.filter((page) => page.progress === null).length).toBeGreaterThan(10)
  })

  it('starts a cursor of another scope over with reset and a snapshot', async () => {
    await create('gridWorker', PATHS.g1)
    const gridWorker = await freshReplica('gridWorker')
    const borrowed = await pull(server.app, as('villageCadre'), { cursor: gridWorker.cursor })
    expect(borrowed.reset).toBe(true)
    expect(borrowed.progress).toMatchObject({ done: expect.any(Number), total: expect.any(Number) })
    const cadre = replicaOf('villageCadre')
    cadre.apply(borrowed)
    await cadre.sync()
    expect(cadre.records).toEqual((await freshReplica('villageCadre')).records)
    // Same role, another unit: another scope too.
    expect(
      await pull(server.app, as('siblingGridWorker'), { cursor: gridWorker.cursor }),
    ).toMatchObject({ reset: true })
    // Its own cursor goes on without a reset.
    expect(await pull(server.app, as('gridWorker'), { cursor: gridWorker.cursor })).toMatchObject({
      reset: false,
    })
  })

  it('resumes a first sync from a saved cursor later, with changes made in between, missing nothing', async () => {
    const ids: string[] = []
    for (let n = 0; n < 7; n++)
      ids.push(await create('otherVillageGridWorker', PATHS.v2g1, { text: `杏花村第${n + 1}条` }))
    const device = replicaOf('siblingVillageCadre')
    await device.step(2)
    await device.step(2)
    expect(device.pages.every((page) => page.progress !== null && page.hasMore)).toBe(true)

    // While the device is off: new memos, edits on both sides of where it stopped, one moved away.
    const added = [
      await create('otherVillageGridWorker', PATHS.v2g1, { text: '中途新建一' }),
      await create('siblingVillageCadre', PATHS.v2, { text: '中途新建二' }),
    ]
    const [first = '', , , , fifth = '', sixth = '', last = ''] = ids
    await apply('otherVillageGridWorker', first, 'update', { text: '已同步过的又改了' })
    await apply('otherVillageGridWorker', last, 'update', { text: '未同步的改了' })
    await apply('siblingVillageCadre', sixth, 'finish')
    await apply('township', fifth, 'move', { path: PATHS.g1 })

    // Later, in a new session, from the saved cursor.
    device.cookie = await server.login(PHONES.siblingVillageCadre)
    await device.sync(2)
    const fresh = await freshReplica('siblingVillageCadre')
    expect(device.records).toEqual(fresh.records)
    expect(device.regressions).toEqual([])
    expect(device.records.has(fifth)).toBe(false)
    for (const id of [...added, first, last, sixth]) expect(device.records.has(id), id).toBe(true)
    expect(device.records.get(first)?.data.text).toBe('已同步过的又改了')
  })

  // Last: it changes the epoch every earlier cursor was made for.
  it('starts over with reset when the server epoch changed (database restored)', async () => {
    const device = await freshReplica('gridWorker')
    await server.database.db
      .updateTable('sync_meta')
      .set({ value: 'restored-from-backup' })
      .where('key', '=', 'epoch')
      .execute()
    const page = await pull(server.app, as('gridWorker'), { cursor: device.cursor })
    expect(page).toMatchObject({
      epoch: 'restored-from-backup',
      reset: true,
      progress: expect.any(Object),
    })
  })
})
