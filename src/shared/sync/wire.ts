/**
 * The lean wire encoding of a pull page (issue #13.2, docs/sync.md "Wire
 * format"). A page of issue reports repeats the same keys, org paths, names
 * and long ISO instants in every record; compression removes much of that,
 * but not all, and the device still parses every byte. The encoding is
 * generic (no kind's schema is needed), so every record of every kind comes
 * back exactly as the server sent it:
 *
 * - an object becomes `[shape, v1, v2, …]`, where `shapes[shape]` lists its
 *   keys in order, each prefixed with one marker character that says how its
 *   value is written;
 * - an array becomes `[-1, item1, item2, …]`;
 * - a field marked `s` holds an index into the page's `strings` (strings
 *   seen at least twice in the page: org paths, names, kinds);
 * - a field marked `t` holds an instant as milliseconds after the page's
 *   `base` (only instants in the canonical `toISOString()` form, so the
 *   string comes back identical);
 * - a field marked `d` holds a calendar date (`YYYY-MM-DD`) as days since
 *   1970-01-01;
 * - anything else (`.`) is written as itself, objects and arrays packed.
 */
import { z } from 'zod'
import type { Change, PullResponse } from './sync.protocol.ts'

/** The lean encoding's version; a device asks for it with `?wire=2`. */
export const LEAN_WIRE = 2

/** A pull page in the lean encoding: the plain page with `changes` packed. */
export const leanPullResponseSchema = z.object({
  wire: z.literal(LEAN_WIRE),
  epoch: z.string(),
  cursor: z.string(),
  hasMore: z.boolean(),
  reset: z.boolean(),
  progress: z.object({ done: z.number(), total: z.number() }).nullable(),
  /** Strings that occur more than once in the page. */
  strings: z.array(z.string()),
  /** Object shapes: marker character + key, in key order. */
  shapes: z.array(z.array(z.string())),
  /** Instants are written as milliseconds after this one. */
  base: z.number(),
  /** The packed `changes` array. */
  changes: z.array(z.unknown()),
})
/** A pull page in the lean encoding. */
export type LeanPullResponse = z.infer<typeof leanPullResponseSchema>

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000
/** Shorter strings cost less written out than as an index. */
const MIN_SHARED_LENGTH = 3

/** Milliseconds of a canonical ISO instant, or null when it would not come back identical. */
function instantMs(value: string): number | null {
  if (!INSTANT.test(value)) return null
  const ms = Date.parse(value)
  return Number.isFinite(ms) && new Date(ms).toISOString() === value ? ms : null
}

/** Days since 1970-01-01 of a canonical calendar date, or null. */
function dateDays(value: string): number | null {
  if (!DATE.test(value)) return null
  const ms = Date.parse(`${value}T00:00:00.000Z`)
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value
    ? ms / DAY_MS
    : null
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Counts the field strings of `value` (the ones a shape can mark `s`). */
function countStrings(value: unknown, counts: Map<string, number>): void {
  if (Array.isArray(value)) {
    for (const item of value) countStrings(item, counts)
  } else if (isObject(value)) {
    for (const field of Object.values(value)) {
      if (typeof field === 'string') {
        if (field.length >= MIN_SHARED_LENGTH && instantMs(field) === null && !DATE.test(field))
          counts.set(field, (counts.get(field) ?? 0) + 1)
      } else countStrings(field, counts)
    }
  }
}

class Packer {
  readonly shapes: string[][] = []
  private readonly shapeIndex = new Map<string, number>()
  private readonly stringIndex: Map<string, number>
  base: number | null = null

  constructor(readonly strings: string[]) {
    this.stringIndex = new Map(strings.map((value, index) => [value, index]))
  }

  pack(value: unknown): unknown {
    if (Array.isArray(value)) return [-1, ...value.map((item) => this.pack(item))]
    if (!isObject(value)) return value
    const keys: string[] = []
    const values: unknown[] = []
    for (const [key, field] of Object.entries(value)) {
      const [marker, packed] = this.field(field)
      keys.push(marker + key)
      values.push(packed)
    }
    const id = keys.join('\u0000')
    let shape = this.shapeIndex.get(id)
    if (shape === undefined) {
      shape = this.shapes.length
      this.shapes.push(keys)
      this.shapeIndex.set(id, shape)
    }
    return [shape, ...values]
  }

  private field(value: unknown): [string, unknown] {
    if (typeof value !== 'string') return ['.', this.pack(value)]
    const shared = this.stringIndex.get(value)
    if (shared !== undefined) return ['s', shared]
    const ms = instantMs(value)
    if (ms !== null) {
      this.base ??= ms
      return ['t', ms - this.base]
    }
    const days = dateDays(value)
    if (days !== null) return ['d', days]
    return ['.', value]
  }
}

/** Packs a plain pull page into the lean encoding (the server's side). */
export function encodePullPage(page: PullResponse): LeanPullResponse {
  const counts = new Map<string, number>()
  countStrings(page.changes, counts)
  // Most frequent first, so the commonest strings get the shortest indices.
  const strings = [...counts]
    .filter(([, count]) => count > 1)
    .sort((a, b) => b[1] - a[1])
    .map(([value]) => value)
  const packer = new Packer(strings)
  const changes = page.changes.map((change) => packer.pack(change))
  return {
    wire: LEAN_WIRE,
    epoch: page.epoch,
    cursor: page.cursor,
    hasMore: page.hasMore,
    reset: page.reset,
    progress: page.progress,
    strings,
    shapes: packer.shapes,
    base: packer.base ?? 0,
    changes,
  }
}

class Unpacker {
  constructor(private readonly page: LeanPullResponse) {}

  unpack(value: unknown): unknown {
    if (!Array.isArray(value)) return value
    const [head, ...rest] = value as unknown[]
    if (head === -1) return rest.map((item) => this.unpack(item))
    const shape = typeof head === 'number' ? this.page.shapes[head] : undefined
    if (!shape || shape.length !== rest.length) throw new Error('lean pull page: bad object')
    // defineProperty, not assignment: a key "__proto__" stays an ordinary key.
    const object: Record<string, unknown> = {}
    shape.forEach((entry, index) => {
      Object.defineProperty(object, entry.slice(1), {
        value: this.field(entry[0], rest[index]),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    })
    return object
  }

  private field(marker: string | undefined, value: unknown): unknown {
    switch (marker) {
      case '.':
        return this.unpack(value)
      case 's': {
        const shared = typeof value === 'number' ? this.page.strings[value] : undefined
        if (shared === undefined) throw new Error('lean pull page: bad string index')
        return shared
      }
      case 't':
        return new Date(this.page.base + Number(value)).toISOString()
      case 'd':
        return new Date(Number(value) * DAY_MS).toISOString().slice(0, 10)
      default:
        throw new Error('lean pull page: bad marker')
    }
  }
}

/**
 * A pull answer as the device's store expects it: a lean page is unpacked, a
 * plain page (a server that does not know the lean encoding) passes as it is.
 */
export function decodePullPage(body: PullResponse | LeanPullResponse): PullResponse {
  if (!('wire' in body) || body.wire !== LEAN_WIRE) return body as PullResponse
  const unpacker = new Unpacker(body)
  return {
    epoch: body.epoch,
    cursor: body.cursor,
    hasMore: body.hasMore,
    reset: body.reset,
    changes: body.changes.map((change) => unpacker.unpack(change) as Change),
    progress: body.progress,
  }
}
