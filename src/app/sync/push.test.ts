import { describe, expect, it } from 'vitest'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { batchMutations } from './push.ts'

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
