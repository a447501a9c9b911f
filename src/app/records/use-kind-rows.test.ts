// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { effectScope, watch, type ShallowRef } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import { appDb, type LocalRecord } from '#app/db/app-db.ts'
import { FIRST_PAGE_ROWS, isIssueListData } from '#app/db/list-rows.ts'
import { issueKind } from '#shared/issue/issue.kind.ts'
import { DEMO_ACTORS, sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { useKindRows, useListRows, type KindRow } from './use-kind-rows.ts'

interface Note {
  title: string
  writtenAt: string
}
const isNote = (data: LocalRecord['data']): data is Note & LocalRecord['data'] =>
  typeof data.title === 'string' && typeof data.writtenAt === 'string'

function record(kind: string, id: string, data: Record<string, unknown>, hasPending: 0 | 1 = 0) {
  return {
    key: `${kind}:${id}`,
    kind,
    id,
    version: 1,
    orgPath: '/c/',
    data,
    updatedAt: '2026-11-27T00:00:00.000Z',
    hasPending,
  } satisfies LocalRecord
}

/** Resolves with the rows once the live query has answered (and `until` holds). */
function settled<T>(
  isLoaded: ShallowRef<boolean>,
  rows: ShallowRef<KindRow<T>[]>,
  until: (rows: KindRow<T>[]) => boolean = () => true,
): Promise<KindRow<T>[]> {
  return new Promise((resolve) => {
    const stop = watch(
      [isLoaded, rows],
      () => {
        if (isLoaded.value && until(rows.value)) {
          queueMicrotask(() => stop())
          resolve(rows.value)
        }
      },
      { immediate: true },
    )
  })
}

afterEach(async () => {
  await appDb.records.clear()
})

describe('useKindRows', () => {
  it('lists only the records of its kind that pass the shape check, newest first', async () => {
    await appDb.records.bulkPut([
      record('note', 'a', { title: 'old', writtenAt: '2026-01-01' }),
      record('note', 'b', { title: 'new', writtenAt: '2026-03-01' }, 1),
      record('note', 'c', { title: 'damaged' }),
      record('other', 'd', { title: 'elsewhere', writtenAt: '2026-05-01' }),
    ])
    const scope = effectScope()
    const live = scope.run(() => useKindRows('note', isNote, { newestBy: (d) => d.writtenAt }))
    if (!live) throw new Error('no rows')
    const rows = await settled(live.isLoaded, live.rows)
    expect(rows.map((row) => [row.key, row.data.title, row.hasPending])).toEqual([
      ['note:b', 'new', true],
      ['note:a', 'old', false],
    ])
    scope.stop()
  })

  it('follows the table while its scope lives', async () => {
    const scope = effectScope()
    const live = scope.run(() => useKindRows('note', isNote))
    if (!live) throw new Error('no rows')
    expect(await settled(live.isLoaded, live.rows)).toEqual([])
    await appDb.records.put(record('note', 'e', { title: 'later', writtenAt: '2026-04-01' }))
    const rows = await settled(live.isLoaded, live.rows, (next) => next.length === 1)
    expect(rows[0]?.id).toBe('e')
    scope.stop()
  })
})

describe('useListRows', () => {
  it("lists a kind's lean rows newest first, and follows every write of the records", async () => {
    const actor = DEMO_ACTORS.gridWorker
    const issue = (n: number) => {
      const createdAt = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString()
      const payload = sampleCreatePayload({ title: `说事${n}` })
      const data = issueKind.apply(
        null,
        { op: 'create', payload, baseVersion: 0 },
        {
          ...actor,
          at: createdAt,
        },
      )
      return record('issue', `i${n}`, data, n === 3 ? 1 : 0)
    }
    const count = FIRST_PAGE_ROWS + 10
    await appDb.records.bulkPut(Array.from({ length: count }, (_, n) => issue(n)))
    const scope = effectScope()
    const live = scope.run(() => useListRows('issue', isIssueListData))
    if (!live) throw new Error('no rows')
    const rows = await settled(live.isLoaded, live.rows)
    expect(rows).toHaveLength(count)
    expect(rows.slice(0, 2).map((row) => row.data.title)).toEqual([
      `说事${count - 1}`,
      `说事${count - 2}`,
    ])
    expect(rows.find((row) => row.id === 'i3')?.hasPending).toBe(true)
    // Lean: the ledger of events stays in the record.
    expect(rows[0]?.data).not.toHaveProperty('events')

    await appDb.records.delete('issue:i0')
    const after = await settled(live.isLoaded, live.rows, (next) => next.length === count - 1)
    expect(after.some((row) => row.id === 'i0')).toBe(false)
    scope.stop()
  })
})
