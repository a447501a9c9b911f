// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { effectScope, shallowRef, watch } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import { appDb } from '#app/db/app-db.ts'
import { useOwnOutboxCounts } from './use-own-outbox-counts.ts'
import { outboxEntry } from './outbox-entry.fixture.ts'

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
      outboxEntry(1, 'grid-a', 'pending'),
      outboxEntry(2, 'grid-a', 'rejected'),
      outboxEntry(3, 'grid-b', 'pending'),
      outboxEntry(4, 'grid-b', 'pending'),
      outboxEntry(5, 'grid-b', 'rejected'),
      outboxEntry(6, 'grid-b', 'rejected'),
      outboxEntry(7, 'grid-b', 'rejected'),
    ])
    const who = shallowRef<string | null>('grid-a')
    const scope = effectScope()
    const counts = scope.run(() => useOwnOutboxCounts(() => who.value))
    if (!counts) throw new Error('no counts')

    expect(await settled(counts, () => true)).toEqual([1, 1])
    await appDb.outbox.add(outboxEntry(8, 'grid-b', 'pending'))
    await appDb.outbox.add(outboxEntry(9, 'grid-a', 'pending'))
    expect(await settled(counts, (unsent) => unsent === 2)).toEqual([2, 1])

    who.value = 'grid-b'
    expect(await settled(counts, (unsent) => unsent === 3)).toEqual([3, 3])
    who.value = null
    expect(await settled(counts, (unsent, refused) => unsent + refused === 0)).toEqual([0, 0])
    scope.stop()
  })
})
