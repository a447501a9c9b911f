import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PATHS, userIdOf, type Person } from '../support/demo-county.ts'
import { createMemo, MASKED, MEMO_KINDS, memoMutation } from '../support/memo-kind.ts'
import {
  changeCount,
  loginAll,
  mutationCount,
  push,
  pushApplied,
  pushOne,
  pushRaw,
  storedVersion,
} from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u
const PEOPLE: Person[] = [
  'gridWorker',
  'siblingGridWorker',
  'villageCadre',
  'siblingVillageCadre',
  'township',
]

describe.each(DIALECTS)('sync push on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string
  beforeAll(async () => {
    server = await createTestServer(dialect, { kinds: MEMO_KINDS })
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  /** A memo of the grid worker's grid, pushed and applied; its record id. */
  async function newMemo(fields: { text?: string; secret?: string } = {}): Promise<string> {
    return (await pushApplied(server.app, as('gridWorker'), createMemo(PATHS.g1, fields))).id
  }

  describe('applying', () => {
    it('applies a create with version 1 and an update with version 2', async () => {
      const create = createMemo(PATHS.g1, { text: '村口的桥栏杆松了', secret: '13811112222' })
      const [created] = await push(server.app, as('gridWorker'), [create])
      expect(created).toMatchObject({
        id: create.id,
        status: 'applied',
        record: {
          kind: 'memo',
          id: create.recordId,
          version: 1,
          orgPath: PATHS.g1,
          data: {
            text: '村口的桥栏杆松了',
            ownerId: userIdOf('gridWorker'),
            secret: '13811112222',
            done: false,
          },
        },
      })
      const update = memoMutation(
        create.recordId,
        'update',
        { text: '桥栏杆已报修' },
        { baseVersion: 1 },
      )
      const updated = await pushApplied(server.app, as('gridWorker'), update)
      expect(updated.version).toBe(2)
      // Field-level merge: the secret the update did not name is kept.
      expect(updated.data).toMatchObject({ text: '桥栏杆已报修', secret: '13811112222' })
      expect(await storedVersion(server.database, 'memo', create.recordId)).toBe(2)
      expect(await changeCount(server.database, 'memo', create.recordId)).toBe(2)
    })

    it('answers the author through the kind’s view: the secret is masked for township staff', async () => {
      const id = await newMemo({ secret: '13822223333' })
      const byTownship = await pushApplied(
        server.app,
        as('township'),
        memoMutation(id, 'update', { text: '乡镇已知悉' }),
      )
      expect(byTownship.data).toMatchObject({ text: '乡镇已知悉', secret: MASKED })
      const byGridWorker = await pushApplied(
        server.app,
        as('gridWorker'),
        memoMutation(id, 'update', { text: '已处理' }),
      )
      expect(byGridWorker.data).toMatchObject({ secret: '13822223333' })
      expect(byGridWorker.version).toBe(3)
    })
  })

  describe('idempotency', () => {
    it('answers a mutation sent twice in one batch as applied, then as a duplicate of it', async () => {
      const create = createMemo(PATHS.g1)
      const results = await push(server.app, as('gridWorker'), [create, create])
      expect(results[0]).toMatchObject({ status: 'applied', record: { version: 1 } })
      expect(results[1]).toMatchObject({
        status: 'duplicate',
        original: 'applied',
        record: { version: 1 },
      })
      expect(await changeCount(server.database, 'memo', create.recordId)).toBe(1)
    })

    it('answers the same mutation pushed five more times as a duplicate, and the version does not move', async () => {
      const id = await newMemo()
      const update = memoMutation(id, 'update', { text: '只改一次' })
      await pushApplied(server.app, as('gridWorker'), update)
      for (let attempt = 0; attempt < 5; attempt++) {
        const again = await pushOne(server.app, as('gridWorker'), update)
        expect(again).toEqual({
          id: update.id,
          status: 'duplicate',
          original: 'applied',
          record: expect.objectContaining({
            id,
            version: 2,
            data: expect.objectContaining({ text: '只改一次' }),
          }),
        })
      }
      expect(await storedVersion(server.database, 'memo', id)).toBe(2)
      expect(await changeCount(server.database, 'memo', id)).toBe(2)
      expect(await mutationCount(server.database, update.id)).toBe(1)
    })

    it('has the effect of one when an answer is lost and the whole batch is sent again', async () => {
      const create = createMemo(PATHS.g1)
      const batch = [
        create,
        memoMutation(create.recordId, 'update', { text: '第二步' }),
        memoMutation(create.recordId, 'finish'),
      ]
      // The device never hears this answer (network dropped) …
      await pushRaw(server.app, as('gridWorker'), { mutations: batch })
      // … so it sends the same outbox again.
      const retried = await push(server.app, as('gridWorker'), batch)
      expect(retried.map((result) => result.status)).toEqual([
        'duplicate',
        'duplicate',
        'duplicate',
      ])
      expect(retried.map((result) => result.status === 'duplicate' && result.original)).toEqual([
        'applied',
        'applied',
        'applied',
      ])
      expect(retried[2]).toMatchObject({
        record: { version: 3, data: { text: '第二步', done: true } },
      })
      expect(await storedVersion(server.database, 'memo', create.recordId)).toBe(3)
      expect(await changeCount(server.database, 'memo', create.recordId)).toBe(3)
    })
  })

  describe('rejections', () => {
    it('rejects finishing twice with a Chinese reason and the current record, and remembers the refusal', async () => {
      const id = await newMemo({ secret: '13833334444' })
      await pushApplied(server.app, as('gridWorker'), memoMutation(id, 'finish'))
      const second = memoMutation(id, 'finish')
      const rejected = await pushOne(server.app, as('gridWorker'), second)
      expect(rejected).toMatchObject({
        status: 'rejected',
        code: 'invalid_transition',
        record: { id, version: 2, data: { done: true, secret: '13833334444' } },
      })
      expect(rejected.status === 'rejected' && rejected.message).toMatch(HAN)
      expect(await changeCount(server.database, 'memo', id)).toBe(2)

      const resent = await pushOne(server.app, as('gridWorker'), second)
      expect(resent).toMatchObject({
        status: 'duplicate',
        original: 'rejected',
        code: 'invalid_transition',
        message: rejected.status === 'rejected' ? rejected.message : '',
        record: { id, version: 2 },
      })
      expect(await mutationCount(server.database, second.id)).toBe(1)
    })

    it('shows the current record in a rejection through the viewer’s eyes', async () => {
      const id = await newMemo({ secret: '13844445555' })
      await pushApplied(server.app, as('gridWorker'), memoMutation(id, 'finish'))
      const rejected = await pushOne(
        server.app,
        as('township'),
        memoMutation(id, 'update', { text: '改不了' }),
      )
      expect(rejected).toMatchObject({
        status: 'rejected',
        code: 'invalid_transition',
        message: '已完成的记录不能修改',
        record: { data: { secret: MASKED } },
      })
    })

    it('does not let a rejection block the mutations after it in the same batch', async () => {
      const first = await newMemo()
      const second = await newMemo()
      await pushApplied(server.app, as('gridWorker'), memoMutation(first, 'finish'))
      const results = await push(server.app, as('gridWorker'), [
        memoMutation(first, 'finish'),
        memoMutation(second, 'update', { text: '照常更新' }),
        memoMutation(first, 'update', { text: '也被拒绝' }),
        memoMutation(second, 'finish'),
      ])
      expect(results.map((result) => result.status)).toEqual([
        'rejected',
        'applied',
        'rejected',
        'applied',
      ])
      expect(await storedVersion(server.database, 'memo', second)).toBe(3)
      expect(await storedVersion(server.database, 'memo', first)).toBe(2)
    })

    it('refuses a mutation id reused by another user as id_conflict and reveals nothing of the first', async () => {
      const create = createMemo(PATHS.g1, { text: '别人看不到的内容', secret: '13855556666' })
      await pushApplied(server.app, as('gridWorker'), create)
      const stolen = await pushOne(server.app, as('siblingGridWorker'), {
        ...create,
        payload: { ...create.payload, orgPath: PATHS.g2 },
      })
      expect(stolen).toEqual({
        id: create.id,
        status: 'rejected',
        code: 'id_conflict',
        message: expect.stringMatching(HAN),
        record: null,
      })
      expect(JSON.stringify(stolen)).not.toContain('别人看不到的内容')
      // The same user reusing an id for another record is just as much a conflict.
      const reused = await pushOne(server.app, as('gridWorker'), {
        ...createMemo(PATHS.g1),
        id: create.id,
      })
      expect(reused).toMatchObject({ status: 'rejected', code: 'id_conflict', record: null })
      expect(await storedVersion(server.database, 'memo', create.recordId)).toBe(1)
      expect(await mutationCount(server.database, create.id)).toBe(1)
    })

    it('refuses a grid worker creating a memo in the sibling grid as out_of_scope', async () => {
      const create = createMemo(PATHS.g2)
      const rejected = await pushOne(server.app, as('gridWorker'), create)
      expect(rejected).toMatchObject({ status: 'rejected', code: 'out_of_scope', record: null })
      expect(rejected.status === 'rejected' && rejected.message).toMatch(HAN)
      expect(await storedVersion(server.database, 'memo', create.recordId)).toBeNull()
      expect(await changeCount(server.database, 'memo', create.recordId)).toBe(0)
    })

    it('refuses a village cadre changing a memo of another village as out_of_scope, without showing it', async () => {
      const id = await newMemo({ text: '本村的事', secret: '13866667777' })
      for (const op of ['update', 'finish', 'move'] as const) {
        const rejected = await pushOne(
          server.app,
          as('siblingVillageCadre'),
          memoMutation(id, op, op === 'update' ? { text: '外村改的' } : { path: PATHS.v2 }),
        )
        expect(rejected, op).toMatchObject({
          status: 'rejected',
          code: 'out_of_scope',
          record: null,
        })
        expect(JSON.stringify(rejected)).not.toContain('本村的事')
      }
      // A create over an existing record of another village is the same refusal.
      const overwrite = memoMutation(id, 'create', { text: '覆盖', orgPath: PATHS.v2 })
      expect(await pushOne(server.app, as('siblingVillageCadre'), overwrite)).toMatchObject({
        status: 'rejected',
        code: 'out_of_scope',
        record: null,
      })
      expect(await storedVersion(server.database, 'memo', id)).toBe(1)
    })

    it('rejects a kind the server does not know, an unknown operation and a result its schema refuses', async () => {
      const id = await newMemo()
      const results = await push(server.app, as('gridWorker'), [
        memoMutation(id, 'create', { text: 'x', orgPath: PATHS.g1 }, { kind: 'no_such_kind' }),
        memoMutation(id, 'archive'),
        memoMutation(id, 'update', { text: '' }),
        memoMutation(id, 'update', { text: 42 }),
      ])
      expect(results.map((result) => result.status === 'rejected' && result.code)).toEqual([
        'unknown_kind',
        'unknown_op',
        'invalid_record',
        'invalid_payload',
      ])
      for (const result of results)
        expect(result.status === 'rejected' && result.message).toMatch(HAN)
      expect(await storedVersion(server.database, 'memo', id)).toBe(1)
    })
  })

  describe('concurrency', () => {
    it('applies once the same mutation pushed by concurrent requests, and all answers agree', async () => {
      // Several rounds: which request wins, and where the loser notices, varies.
      for (let round = 0; round < 4; round++) {
        const create = createMemo(PATHS.g1)
        const update = memoMutation(create.recordId, 'update', { text: '两台设备同时重发' })
        const answers = await Promise.all([
          push(server.app, as('gridWorker'), [create, update]),
          push(server.app, as('gridWorker'), [create, update]),
          push(server.app, as('gridWorker'), [create, update]),
        ])
        for (const [index, mutation] of [create, update].entries()) {
          const forIt = answers.map((results) => results[index])
          expect(forIt.map((answer) => answer?.status).sort()).toEqual([
            'applied',
            'duplicate',
            'duplicate',
          ])
          for (const answer of forIt) {
            expect(answer).toMatchObject({ record: { id: create.recordId } })
            if (answer?.status === 'duplicate') expect(answer.original).toBe('applied')
          }
          expect(await mutationCount(server.database, mutation.id)).toBe(1)
        }
        expect(await changeCount(server.database, 'memo', create.recordId)).toBe(2)
        expect(await storedVersion(server.database, 'memo', create.recordId)).toBe(2)
      }
    })

    it('records once a refusal pushed by two concurrent requests, and both answers agree', async () => {
      const id = await newMemo()
      await pushApplied(server.app, as('gridWorker'), memoMutation(id, 'finish'))
      const again = memoMutation(id, 'finish')
      const answers = await Promise.all([
        pushOne(server.app, as('gridWorker'), again),
        pushOne(server.app, as('gridWorker'), again),
      ])
      expect(answers.map((answer) => answer.status).sort()).toEqual(['duplicate', 'rejected'])
      for (const answer of answers) {
        expect(answer).toMatchObject({ code: 'invalid_transition', record: { version: 2 } })
        if (answer.status === 'duplicate') expect(answer.original).toBe('rejected')
      }
      expect(await changeCount(server.database, 'memo', id)).toBe(2)
      expect(await mutationCount(server.database, again.id)).toBe(1)
    })

    it('applies concurrent updates of one record one after the other, losing none', async () => {
      const id = await newMemo()
      const updates = Array.from({ length: 8 }, (_, n) =>
        memoMutation(id, 'update', { photos: [`p${n}`] }),
      )
      const answers = await Promise.all(
        updates.map((update, n) =>
          pushOne(server.app, as(n % 2 ? 'gridWorker' : 'villageCadre'), update),
        ),
      )
      expect(answers.every((answer) => answer.status === 'applied')).toBe(true)
      const versions = answers.map((answer) =>
        answer.status === 'applied' ? (answer.record?.version ?? 0) : 0,
      )
      expect(versions.sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7, 8, 9])
      expect(await storedVersion(server.database, 'memo', id)).toBe(9)
      expect(await changeCount(server.database, 'memo', id)).toBe(9)
    })

    it('lets only one of two concurrent creates of the same record apply', async () => {
      const first = createMemo(PATHS.g1, { text: '第一台设备' })
      const second = memoMutation(first.recordId, 'create', {
        text: '第二台设备',
        orgPath: PATHS.g1,
      })
      const answers = await Promise.all([
        pushOne(server.app, as('gridWorker'), first),
        pushOne(server.app, as('villageCadre'), second),
      ])
      expect(answers.map((answer) => answer.status).sort()).toEqual(['applied', 'rejected'])
      const rejected = answers.find((answer) => answer.status === 'rejected')
      expect(rejected?.status === 'rejected' && rejected.message).toMatch(HAN)
      expect(await storedVersion(server.database, 'memo', first.recordId)).toBe(1)
      expect(await changeCount(server.database, 'memo', first.recordId)).toBe(1)
    })
  })
})
