import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { AppDb, type OutboxEntry } from '#app/db/app-db.ts'
import { syncState } from './local-store.ts'
import { batchMutations, reofferSent } from './push.ts'

function mutation(n: number, payloadBytes = 10): Mutation {
  return {
    id: `0190f5d2-0000-7000-8000-${String(n).padStart(12, '0')}`,
    kind: 'issue',
    recordId: '0190f5d2-0000-7000-8000-000000000000',
    op: 'update',
    payload: { text: 'x'.repeat(payloadBytes) },
    baseVersion: 1,
    seq: n,
    deviceId: 'device',
    createdAt: '2026-11-25T08:00:00.000Z',
  }
}

describe('batchMutations', () => {
  it('keeps order and splits by count', () => {
    const batches = batchMutations(
      Array.from({ length: 250 }, (_, n) => mutation(n)),
      100,
      1e9,
    )
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 50])
    expect(batches.flat().map((m) => m.seq)).toEqual(Array.from({ length: 250 }, (_, n) => n))
  })

  it('splits by bytes so no batch exceeds the limit', () => {
    const items = Array.from({ length: 10 }, (_, n) => mutation(n, 1000))
    const size = new TextEncoder().encode(JSON.stringify(items[0])).length
    const batches = batchMutations(items, 100, size * 3)
    expect(batches.map((batch) => batch.length)).toEqual([3, 3, 3, 1])
  })

  it('still sends a single mutation larger than the byte limit, alone', () => {
    const batches = batchMutations([mutation(1, 10), mutation(2, 5000), mutation(3, 10)], 100, 1000)
    expect(batches.map((batch) => batch.map((m) => m.seq))).toEqual([[1], [2], [3]])
  })

  it('makes no batch from nothing', () => {
    expect(batchMutations([])).toEqual([])
  })
})

describe('reofferSent (after a restore)', () => {
  const entry = (seq: number, status: OutboxEntry['status'] = 'pending'): OutboxEntry => ({
    seq,
    id: `0190f5d2-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    kind: 'issue',
    recordId: `0190f5d2-0000-7000-9000-${String(seq).padStart(12, '0')}`,
    recordKey: `issue:${seq}`,
    op: 'create',
    payload: {},
    baseVersion: 0,
    deviceId: 'device',
    userId: 'user',
    createdAt: '2026-11-25T08:00:00.000Z',
    status,
  })

  it('puts the journal back ahead of newer changes, in its first order, and starts over on the new epoch', async () => {
    const db = new AppDb(`reoffer-${Math.random()}`)
    try {
      await syncState(db)
      await db.syncMeta.update('state', { epoch: 'old', cursor: 'somewhere' })
      const appliedAt = '2026-11-26T08:00:00.000Z'
      await db.sent.bulkAdd([
        { ...entry(1), appliedAt },
        { ...entry(2), appliedAt },
      ])
      await db.outbox.bulkAdd([entry(5), entry(3, 'rejected')])
      const photo = { blob: new Blob(['x']), type: 'image/png', size: 1, createdAt: appliedAt }
      await db.blobs.bulkAdd([
        { sha256: 'a', uploaded: 1, ...photo },
        { sha256: 'b', uploaded: 1, failure: '文件类型不对', ...photo },
      ])

      expect(await reofferSent(db, 'new')).toBe(2)

      const outbox = await db.outbox.orderBy('seq').toArray()
      expect(outbox.map((row) => [row.seq, row.status])).toEqual([
        [1, 'pending'],
        [2, 'pending'],
        [3, 'rejected'],
        [5, 'pending'],
      ])
      expect(outbox[0]).not.toHaveProperty('appliedAt')
      expect(await db.sent.count()).toBe(0)
      expect((await db.blobs.get('a'))?.uploaded).toBe(0)
      expect((await db.blobs.get('b'))?.uploaded).toBe(1)
      expect(await syncState(db)).toMatchObject({ epoch: 'new', cursor: null })
    } finally {
      db.close()
      await db.delete()
    }
  })
})
