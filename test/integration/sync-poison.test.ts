/**
 * Poison mutations: whatever one mutation makes a record kind throw becomes
 * that mutation's refusal, never the batch's failure, so the mutations behind
 * it land and the device's outbox is never stuck. A database failure is not
 * the mutation's fault: the request fails and the device sends it again.
 */
import { sql } from 'kysely'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kindRegistry, type RecordKind } from '#shared/sync/record-kind.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { policyPayload } from '../support/assessment-fixtures.ts'
import { PATHS } from '../support/demo-county.ts'
import { createMemo, memoKind, memoMutation, type MemoData } from '../support/memo-kind.ts'
import {
  loginAll,
  mutationCount,
  push,
  pull,
  pushRaw,
  storedVersion,
  syncWrites,
} from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u

/** Memo texts that make one part of the 'brittle' kind throw, as a bug in a kind would. */
const BOMBS = ['apply', 'audience', 'attachments', 'references', 'view', 'schema'] as const
type Bomb = (typeof BOMBS)[number]

function explodesOn(part: Bomb, text: string): void {
  if (text === `bomb:${part}`) throw new TypeError(`${part} blew up on purpose`)
}

/** The memo kind with a bug planted in every part the server runs. */
const brittleKind: RecordKind<MemoData> = {
  ...memoKind,
  kind: 'brittle',
  schema: memoKind.schema.superRefine((memo) => explodesOn('schema', memo.text)),
  apply(current, mutation, actor) {
    if (typeof mutation.payload.text === 'string') explodesOn('apply', mutation.payload.text)
    return memoKind.apply(current, mutation, actor)
  },
  audience(memo) {
    explodesOn('audience', memo.text)
    return memoKind.audience(memo)
  },
  attachments(memo) {
    explodesOn('attachments', memo.text)
    return memo.photos
  },
  view(memo) {
    explodesOn('view', memo.text)
    return memo
  },
  references(mutation) {
    if (typeof mutation.payload.text === 'string') explodesOn('references', mutation.payload.text)
    return []
  },
}

/**
 * A kind whose view breaks only for township staff: its records are stored
 * (the author's own view works), then poison the township's pulls.
 */
const shyKind: RecordKind<MemoData> = {
  ...memoKind,
  kind: 'shy',
  view(memo, viewer) {
    if (memo.text === 'bomb:pull' && viewer.role === 'township_staff') {
      throw new TypeError('view blew up on purpose')
    }
    return memo
  },
}

function brittle(text: string): Mutation {
  return createMemo(PATHS.g1, { text }, { kind: 'brittle' })
}

function policyCreate(issueDate: string): Mutation {
  return {
    id: uuidv7(),
    kind: 'policy',
    recordId: uuidv7(),
    op: 'create',
    payload: policyPayload({ issueDate }),
    baseVersion: 0,
    seq: 0,
    deviceId: 'test-device',
    createdAt: new Date().toISOString(),
  }
}

describe.each(DIALECTS)('poison mutations on %s', (dialect) => {
  describe('with the product’s kinds', () => {
    let server: TestServer
    let as: Awaited<ReturnType<typeof loginAll>>
    beforeAll(async () => {
      server = await createTestServer(dialect, { kinds: defaultKinds })
      as = await loginAll(server, ['department'])
    })
    afterAll(() => server.close())

    it('refuses a policy issued in the year 0050 and applies the valid one behind it', async () => {
      const poison = policyCreate('0050-01-01')
      const valid = policyCreate('2026-02-06')
      const [refused, applied] = await push(server.app, as('department'), [poison, valid])
      expect(refused).toMatchObject({ status: 'rejected', record: null })
      expect(refused?.status === 'rejected' && refused.message).toMatch(HAN)
      expect(applied).toMatchObject({ status: 'applied', record: { version: 1 } })
      expect(await storedVersion(server.database, 'policy', poison.recordId)).toBeNull()
      const [again] = await push(server.app, as('department'), [poison])
      expect(again).toMatchObject({ status: 'duplicate', original: 'rejected' })
    })
  })

  describe('with a kind that throws', () => {
    let server: TestServer
    let as: Awaited<ReturnType<typeof loginAll>>
    beforeAll(async () => {
      server = await createTestServer(dialect, {
        kinds: kindRegistry([memoKind, brittleKind, shyKind]),
      })
      as = await loginAll(server, ['gridWorker', 'township'])
    })
    afterAll(() => server.close())

    it.each(BOMBS)(
      'turns an exception in %s into that mutation’s refusal, and the next mutation lands',
      async (part) => {
        const poison = brittle(`bomb:${part}`)
        const next = createMemo(PATHS.g1, { text: '后面的说事照常同步' })
        const before = await syncWrites(server.database)
        const [refused, applied] = await push(server.app, as('gridWorker'), [poison, next])
        expect(refused).toMatchObject({ status: 'rejected', code: 'internal_refusal' })
        expect(refused?.status === 'rejected' && refused.message).toMatch(HAN)
        expect(applied).toMatchObject({ status: 'applied', record: { version: 1 } })
        expect(await storedVersion(server.database, 'brittle', poison.recordId)).toBeNull()
        // One refusal row and the next memo's writes; nothing of the poison itself.
        const after = await syncWrites(server.database)
        expect(after[0]).toBe((before[0] ?? 0) + 2)
        expect(after[1]).toBe((before[1] ?? 0) + 1)
        // Recorded: a re-send is answered the same way, and changes nothing.
        const [again] = await push(server.app, as('gridWorker'), [poison])
        expect(again).toMatchObject({
          status: 'duplicate',
          original: 'rejected',
          code: 'internal_refusal',
        })
        expect(await mutationCount(server.database, poison.id)).toBe(1)
      },
    )

    it('turns an exception in an update of an existing record into its refusal only', async () => {
      const created = brittle('会出错的记录')
      await push(server.app, as('gridWorker'), [created])
      const poison = memoMutation(
        created.recordId,
        'update',
        { text: 'bomb:audience' },
        { kind: 'brittle', baseVersion: 1 },
      )
      const next = memoMutation(
        created.recordId,
        'update',
        { text: '改好了' },
        { kind: 'brittle', baseVersion: 1 },
      )
      const [refused, applied] = await push(server.app, as('gridWorker'), [poison, next])
      expect(refused).toMatchObject({
        status: 'rejected',
        code: 'internal_refusal',
        record: { version: 1, data: { text: '会出错的记录' } },
      })
      expect(applied).toMatchObject({ status: 'applied', record: { version: 2 } })
    })

    it('leaves a record whose view throws out of a pull, and the records beside it still arrive', async () => {
      const bad = createMemo(PATHS.g1, { text: 'bomb:pull' }, { kind: 'shy' })
      const good = createMemo(PATHS.g1, { text: '乡镇照常收到' }, { kind: 'shy' })
      const results = await push(server.app, as('gridWorker'), [bad, good])
      expect(results.map((result) => result.status)).toEqual(['applied', 'applied'])
      const ids = async (cursor: string | null) => {
        const seen: string[] = []
        for (let page = await pull(server.app, as('township'), { cursor }); ;) {
          for (const change of page.changes) if (change.op === 'put') seen.push(change.record.id)
          if (!page.hasMore) return { seen, cursor: page.cursor }
          page = await pull(server.app, as('township'), { cursor: page.cursor })
        }
      }
      // The snapshot of a first pull, then the change log of a later one.
      const first = await ids(null)
      expect(first.seen).toContain(good.recordId)
      expect(first.seen).not.toContain(bad.recordId)
      const later = createMemo(PATHS.g1, { text: 'bomb:pull' }, { kind: 'shy' })
      const after = createMemo(PATHS.g1, { text: '之后的也收到' }, { kind: 'shy' })
      await push(server.app, as('gridWorker'), [later, after])
      const next = await ids(first.cursor)
      expect(next.seen).toEqual([after.recordId])
    })

    it('fails the request when the database fails, stores nothing, and applies the re-send', async () => {
      const first = createMemo(PATHS.g1, { text: '第一条' })
      const second = createMemo(PATHS.g1, { text: '第二条' })
      const before = await syncWrites(server.database)
      await failChangeLogWrites(server, true)
      try {
        const response = await pushRaw(server.app, as('gridWorker'), {
          mutations: [first, second],
        })
        // Never a refusal of the mutation: the whole request fails so the
        // device retries (507 for PostgreSQL's disk_full, 500 for SQLite's abort).
        expect(response.statusCode).toBe(server.database.dialect === 'postgres' ? 507 : 500)
        expect(await syncWrites(server.database)).toEqual(before)
      } finally {
        await failChangeLogWrites(server, false)
      }
      const results = await push(server.app, as('gridWorker'), [first, second])
      expect(results.map((result) => result.status)).toEqual(['applied', 'applied'])
    })
  })
})

/**
 * Makes every insert into change_log fail inside the database, as a full disk
 * or a lost connection would: a trigger that raises (53100 disk_full on
 * PostgreSQL).
 */
async function failChangeLogWrites(server: TestServer, on: boolean): Promise<void> {
  const { db, dialect } = server.database
  if (dialect === 'sqlite') {
    await sql`drop trigger if exists fail_change_log`.execute(db)
    if (on) {
      await sql`create trigger fail_change_log before insert on change_log
        begin select raise(abort, 'database or disk is full'); end`.execute(db)
    }
    return
  }
  await sql`drop trigger if exists fail_change_log on change_log`.execute(db)
  if (!on) return
  await sql`create or replace function fail_change_log() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file' using errcode = '53100'; end $$`.execute(db)
  await sql`create trigger fail_change_log before insert on change_log
    for each row execute function fail_change_log()`.execute(db)
}
