/**
 * The bulk write path for new records (src/server/sync/push-batch.ts), used
 * by the import, on both dialects: a batch written in bulk leaves exactly
 * the rows one-at-a-time pushes leave (record, audience, attachment links,
 * supervision facts and counts, change log and who hears of it); a refusal
 * or a repeat delivery in the batch gets the ordinary path's answer.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Me } from '#shared/auth/auth.schema.ts'
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import type { Mutation, MutationResult } from '#shared/sync/sync.protocol.ts'
import type { AuthContext } from '#server/plugins/auth.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { applyNewRecords } from '#server/sync/push-batch.ts'
import { applyWithSavepoints } from '#server/sync/push.ts'
import { newRecordId } from '../support/memo-kind.ts'
import { PHONES } from '../support/demo-county.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g

describe.each(DIALECTS)('new records in bulk on %s', (dialect) => {
  let server: TestServer
  let auth: AuthContext

  beforeAll(async () => {
    server = await createTestServer(dialect)
    const cookie = await server.login(PHONES.gridWorker)
    const me = await server.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })
    const { user, orgUnit } = me.json<Me>()
    auth = { user, orgUnit }
  })
  afterAll(() => server.close())

  const creates = (payloads: Record<string, unknown>[]): Mutation[] =>
    payloads.map((payload) => ({
      id: newRecordId(),
      kind: ISSUE_KIND,
      recordId: newRecordId(),
      op: 'create',
      payload,
      baseVersion: 0,
      seq: 0,
      deviceId: 'bulk-test',
      createdAt: new Date().toISOString(),
    }))

  const run = async (
    apply: typeof applyNewRecords,
    mutations: readonly Mutation[],
  ): Promise<MutationResult[]> => {
    const { db } = server.database
    const trx = await db.startTransaction().execute()
    try {
      const results = await apply({ db: trx, dialect, kinds: defaultKinds, auth }, trx, mutations)
      await trx.commit().execute()
      return results
    } catch (error) {
      await trx.rollback().execute()
      throw error
    }
  }

  /** Every row a record left, keyed by table, with its ids and instants neutralised. */
  const traces = async (mutation: Mutation) => {
    const key = `${mutation.kind}:${mutation.recordId}`
    const { db } = server.database
    const rows = {
      record: await db
        .selectFrom('sync_record')
        .select(['kind', 'version', 'org_path', 'data'])
        .where('key', '=', key)
        .execute(),
      audience: await db
        .selectFrom('record_audience')
        .select('path')
        .where('record_key', '=', key)
        .orderBy('path')
        .execute(),
      blobs: await db
        .selectFrom('record_blob')
        .select(['sha256', 'linked_by', 'pending'])
        .where('record_key', '=', key)
        .execute(),
      fact: await db
        .selectFrom('supervision_fact')
        .selectAll()
        .where('record_key', '=', key)
        .execute(),
      heard: await db
        .selectFrom('change_log as c')
        .innerJoin('change_audience as a', 'a.seq', 'c.seq')
        .select('a.path')
        .where('c.record_key', '=', key)
        .orderBy('a.path')
        .execute(),
      mutation: await db
        .selectFrom('sync_mutation')
        .select(['user_id', 'device_id', 'status', 'code'])
        .where('id', '=', mutation.id)
        .execute(),
    }
    return JSON.parse(
      JSON.stringify(rows).replaceAll(mutation.recordId, 'ID').replaceAll(ISO, 'T'),
    ) as unknown
  }

  const counts = async () => {
    const { rows } = await sql<{
      n: number | string
    }>`select coalesce(sum(n), 0) as n from supervision_count`.execute(server.database.db)
    return Number(rows[0]?.n ?? 0)
  }

  const payloads = () => [
    sampleCreatePayload({ title: '村口路灯不亮' }),
    sampleCreatePayload({ title: '垃圾清运不及时', photos: [] }),
    sampleCreatePayload({ title: '道路破损', isAnonymous: true, resident: null }),
  ]

  it('leaves exactly the rows that one-at-a-time pushes leave', async () => {
    const start = await counts()
    const single = creates(payloads())
    const singleResults = await run(applyWithSavepoints, single)
    const afterSingle = await counts()
    const bulk = creates(payloads())
    const bulkResults = await run(applyNewRecords, bulk)

    expect(bulkResults.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    expect(singleResults.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    for (const [index, mutation] of bulk.entries()) {
      const twin = single[index]
      if (!twin) throw new Error('no twin')
      expect(await traces(mutation)).toEqual(await traces(twin))
      const answer = JSON.stringify(bulkResults[index]?.record).replaceAll(mutation.recordId, 'ID')
      const twinAnswer = JSON.stringify(singleResults[index]?.record).replaceAll(
        twin.recordId,
        'ID',
      )
      expect(answer.replaceAll(ISO, 'T')).toEqual(twinAnswer.replaceAll(ISO, 'T'))
    }
    expect(afterSingle).toBeGreaterThan(start)
    expect((await counts()) - afterSingle).toBe(afterSingle - start)
  })

  it('answers a refusal and a repeat delivery in a batch as the ordinary path does', async () => {
    const batch = creates([
      sampleCreatePayload({ title: '正常的事项' }),
      sampleCreatePayload({ title: '' }),
    ])
    const results = await run(applyNewRecords, batch)
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected'])
    const refused = results[1]
    expect(refused?.status === 'rejected' && refused.code).toBe('invalid_payload')

    const again = await run(applyNewRecords, batch)
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate'])
    const stored = await server.database.db
      .selectFrom('sync_record')
      .select('key')
      .where(
        'key',
        'in',
        batch.map((m) => `${m.kind}:${m.recordId}`),
      )
      .execute()
    expect(stored).toHaveLength(1)
  })
})
