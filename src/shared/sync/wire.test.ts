import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { actingAt, DEMO_ACTORS, sampleCreatePayload } from '../issue/issue.fixtures.ts'
import { issueKind } from '../issue/issue.kind.ts'
import type { Change, PullResponse } from './sync.protocol.ts'
import { decodePullPage, encodePullPage, LEAN_WIRE } from './wire.ts'

/** Through JSON, as on the wire. */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

function page(changes: Change[]): PullResponse {
  return { epoch: 'e1', cursor: 'c1', hasMore: true, reset: false, changes, progress: null }
}

/** Strings the encoding treats specially, mixed with ones that only look like them. */
const trickyString = fc.oneof(
  fc.string(),
  fc.constantFrom('issue', '/demo-county/demo-t1/', '', 'ab', '__proto__', 'constructor'),
  fc
    .integer({ min: -62_000_000_000_000, max: 253_000_000_000_000 })
    .map((ms) => new Date(ms).toISOString()),
  fc.integer({ min: 0, max: 4_000_000_000_000 }).map((ms) => new Date(ms).toISOString()),
  fc
    .integer({ min: 0, max: 4_000_000_000_000 })
    .map((ms) => new Date(ms).toISOString().slice(0, 10)),
  fc.constantFrom(
    '2026-02-30',
    '2026-13-01',
    '2026-11-27T05:37:10Z',
    '2026-11-27T05:37:10.000+08:00',
    '2026-11-27T24:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
  ),
)

const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    trickyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), trickyString), tie('value'), { maxKeys: 5 }),
  ),
})).value

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    op: fc.constant('put' as const),
    record: fc.record({
      kind: fc.constantFrom('issue', 'meeting', 'policy'),
      id: fc.uuid(),
      version: fc.nat(),
      orgPath: fc.constantFrom('/demo-county/demo-t1/', '/demo-county/demo-t1/demo-t1-v1/'),
      data: fc.dictionary(fc.oneof(fc.string(), trickyString), value, { maxKeys: 8 }),
      updatedAt: trickyString,
    }),
  }),
  fc.record({ op: fc.constant('del' as const), kind: fc.constant('issue'), id: fc.uuid() }),
)

describe('the lean wire encoding of a pull page', () => {
  it('decodes every page to exactly the records it encoded, key order included', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 8 }), (changes) => {
        const plain = overTheWire(page(changes))
        const decoded = decodePullPage(overTheWire(encodePullPage(plain)))
        // The string compares key order too (toStrictEqual would also compare
        // an own "constructor" key as if it were the object's class).
        expect(JSON.stringify(decoded)).toBe(JSON.stringify(plain))
        expect(decoded).toEqual(plain)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps "__proto__" an ordinary key', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>
    const plain = page([
      {
        op: 'put',
        record: { kind: 'issue', id: 'x', version: 1, orgPath: '/', data, updatedAt: '' },
      },
    ])
    const decoded = decodePullPage(overTheWire(encodePullPage(plain)))
    const record = decoded.changes[0]?.op === 'put' ? decoded.changes[0].record : null
    expect(Object.keys(record?.data ?? {})).toEqual(['__proto__', 'a'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('shares repeated strings and writes instants and dates as numbers', () => {
    const at = '2026-11-27T05:37:10.123Z'
    const data = issueKind.apply(
      null,
      { op: 'create', payload: sampleCreatePayload(), baseVersion: 0 },
      actingAt(DEMO_ACTORS.gridWorker, at),
    )
    const record = {
      kind: 'issue',
      id: 'x',
      version: 1,
      orgPath: data.orgPath,
      data,
      updatedAt: at,
    }
    const lean = encodePullPage(
      page([
        { op: 'put', record },
        { op: 'put', record },
      ]),
    )
    expect(lean.wire).toBe(LEAN_WIRE)
    expect(lean.strings).toContain(record.orgPath)
    const text = JSON.stringify(lean.changes)
    expect(text).not.toContain(record.updatedAt)
    expect(text).not.toContain(record.orgPath)
  })

  it('passes a plain page from a server without the lean encoding through unchanged', () => {
    const plain = page([{ op: 'del', kind: 'issue', id: 'x' }])
    expect(decodePullPage(plain)).toBe(plain)
  })

  it('refuses a page whose shapes or strings do not fit, instead of making up records', () => {
    const del: Change = { op: 'del', kind: 'issue', id: 'abc' }
    const lean = encodePullPage(page([del, del]))
    expect(lean.strings).toEqual(['del', 'issue', 'abc'])
    expect(() => decodePullPage({ ...lean, shapes: [] })).toThrow()
    expect(() => decodePullPage({ ...lean, strings: [] })).toThrow()
    expect(() => decodePullPage({ ...lean, changes: [[0, 1]] })).toThrow()
  })
})
