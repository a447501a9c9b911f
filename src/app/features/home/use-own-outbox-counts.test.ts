// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { effectScope, shallowRef, watch } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import { appDb, type OutboxEntry } from '#app/db/app-db.ts'
import { useOwnOutboxCounts } from './use-own-outbox-counts.ts'

function entry(seq: number, userId: string, status: OutboxEntry['status']): OutboxEntry {
  return {
    seq,
    id: `m${seq}`,
    kind: 'issue',
    recordId: `r${seq}`,
    recordKey: `issue:r${seq}`,
    op: 'create',
    payload: {},
    baseVersion: 0,
    deviceId: 'shared-phone',
    userId,
    createdAt: '2026-11-27T01:00:00.000Z',
    status,
  }
}

/** The counts once the live query has answered and `until` holds. */
function settled(
  counts: ReturnType<typeof useOwnOutboxCounts>,
  until: (unsent: number, refused: number) => boolean,
): Promise<[number, number]> {
  return new Promise((resolve) => {
    const stop = watch(
      [counts.isLoaded, counts.unsent, counts.refused],
      () => {
        if (counts.isLoaded.value && until(counts.unsent.value, counts.refused.value)) {
          queueMicrotask(() => stop())
          resolve([counts.unsent.value, counts.refused.value])
        }
      },
      { immediate: true },
    )
  })
}

afterEach(async () => {
  await appDb.outbox.clear()
})

describe("the desk's unsent and refused counts on a shared phone", () => {
  it("count only the signed-in person's changes, and follow a change of person", async () => {
    // Two grid workers share a phone: each saved under their own session.
    await appDb.outbox.bulkAdd([
      entry(1, 'grid-a', 'pending'),
      entry(2, 'grid-a', 'rejected'),
      entry(3, 'grid-b', 'pending'),
      entry(4, 'grid-b', 'pending'),
      entry(5, 'grid-b', 'rejected'),
      entry(6, 'grid-b', 'rejected'),
      entry(7, 'grid-b', 'rejected'),
    ])
    const who = shallowRef<string | null>('grid-a')
    const scope = effectScope()
    const counts = scope.run(() => useOwnOutboxCounts(() => who.value))
    if (!counts) throw new Error('no counts')

    expect(await settled(counts, () => true)).toEqual([1, 1])
    await appDb.outbox.add(entry(8, 'grid-b', 'pending'))
    await appDb.outbox.add(entry(9, 'grid-a', 'pending'))
    expect(await settled(counts, (unsent) => unsent === 2)).toEqual([2, 1])

    who.value = 'grid-b'
    expect(await settled(counts, (unsent) => unsent === 3)).toEqual([3, 3])
    who.value = null
    expect(await settled(counts, (unsent, refused) => unsent + refused === 0)).toEqual([0, 0])
    scope.stop()
  })
})
