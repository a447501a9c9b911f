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

const DAY_MS = 86_400_000
/** Shorter strings cost less written out than as an index. */
const MIN_SHARED_LENGTH = 3

/** The number written in `value` from `from` to `to` (digits only), or -1. */
function digits(value: string, from: number, to: number): number {
  let number = 0
  for (let at = from; at < to; at++) {
    const code = value.charCodeAt(at) - 48
    if (code < 0 || code > 9) return -1
    number = number * 10 + code
  }
  return number
}

/**
 * Milliseconds of `YYYY-MM-DD` + time, when every field is in range (so the
 * string is exactly what `toISOString()` writes), else null. Years below 100
 * are left alone (Date.UTC would read them as 19xx). Read by hand: a page
 * holds thousands of instants, and Date.parse + toISOString cost most of the
 * encoding's time.
 */
function utcMs(value: string, h: number, mi: number, s: number, ms: number): number | null {
  const y = digits(value, 0, 4)
  const mo = digits(value, 5, 7)
  const d = digits(value, 8, 10)
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23) return null
  if (mi < 0 || mi > 59 || s < 0 || s > 59 || ms < 0) return null
  const time = Date.UTC(y, mo - 1, d, h, mi, s, ms)
  // The 29th–31st of a shorter month rolls over: not a real date.
  return d > 28 && new Date(time).getUTCDate() !== d ? null : time
}

const isDateShaped = (value: string) =>
  value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45
const isInstantShaped = (value: string) =>
  value.length === 24 && value.charCodeAt(10) === 84 && value.charCodeAt(23) === 90

/** Milliseconds of a canonical ISO instant, or null when it would not come back identical. */
function instantMs(value: string): number | null {
  if (!isInstantShaped(value) || !isDateShaped(value.slice(0, 10))) return null
  if (value[13] !== ':' || value[16] !== ':' || value[19] !== '.') return null
  return utcMs(
    value,
    digits(value, 11, 13),
    digits(value, 14, 16),
    digits(value, 17, 19),
    digits(value, 20, 23),
  )
}

/** Days since 1970-01-01 of a canonical calendar date, or null. */
function dateDays(value: string): number | null {
  if (!isDateShaped(value)) return null
  const time = utcMs(value, 0, 0, 0, 0)
  return time === null ? null : time / DAY_MS
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Counts the field strings of `value` (the ones a shape can mark `s`). */
function countStrings(value: unknown, counts: Map<string, number>): void {
  if (Array.isArray(value)) {
    for (const item of value) countStrings(item, counts)
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      const field = value[key]
      if (typeof field !== 'string') countStrings(field, counts)
      // Instants and dates are written as numbers, not shared (a string only
      // shaped like one is then written as itself: still exact).
      else if (field.length >= MIN_SHARED_LENGTH && !isInstantShaped(field) && !isDateShaped(field))
        counts.set(field, (counts.get(field) ?? 0) + 1)
    }
  }
}

const MARKERS = ['.', 's', 't', 'd'] as const
const [PLAIN, SHARED, INSTANT_MS, DATE_DAYS] = [0, 1, 2, 3] as const
type Marker = 0 | 1 | 2 | 3

/**
 * Shapes are found through a trie of (key, marker) steps, so packing an
 * object allocates no key strings; a shape's entries are built once.
 */
interface ShapeNode {
  readonly next: Map<string, ShapeNode[]>
  readonly parent: ShapeNode | null
  readonly entry: string
  shape: number
}

const newNode = (parent: ShapeNode | null, entry: string): ShapeNode => ({
  next: new Map(),
  parent,
  entry,
  shape: -1,
})

class Packer {
  readonly shapes: string[][] = []
  private readonly root = newNode(null, '')
  private readonly stringIndex: Map<string, number>
  base: number | null = null
  /** The marker of the last `field` call (saves a tuple per field). */
  private marker: Marker = PLAIN

  constructor(readonly strings: string[]) {
    this.stringIndex = new Map(strings.map((value, index) => [value, index]))
  }

  pack(value: unknown): unknown {
    if (Array.isArray(value)) {
      const out: unknown[] = [-1]
      for (const item of value) out.push(this.pack(item))
      return out
    }
    if (!isObject(value)) return value
    const out: unknown[] = [0]
    let node = this.root
    for (const key of Object.keys(value)) {
      out.push(this.field(value[key]))
      node = this.step(node, key, this.marker)
    }
    if (node.shape < 0) {
      const entries: string[] = []
      for (let at: ShapeNode | null = node; at?.parent; at = at.parent) entries.push(at.entry)
      node.shape = this.shapes.length
      this.shapes.push(entries.reverse())
    }
    out[0] = node.shape
    return out
  }

  private step(node: ShapeNode, key: string, marker: Marker): ShapeNode {
    let byMarker = node.next.get(key)
    if (!byMarker) {
      byMarker = []
      node.next.set(key, byMarker)
    }
    return (byMarker[marker] ??= newNode(node, MARKERS[marker] + key))
  }

  private field(value: unknown): unknown {
    if (typeof value !== 'string') {
      const packed = this.pack(value)
      // Set after packing: the nested fields set it too.
      this.marker = PLAIN
      return packed
    }
    this.marker = PLAIN
    const shared = this.stringIndex.get(value)
    if (shared !== undefined) {
      this.marker = SHARED
      return shared
    }
    const ms = instantMs(value)
    if (ms !== null) {
      this.base ??= ms
      this.marker = INSTANT_MS
      return ms - this.base
    }
    const days = dateDays(value)
    if (days !== null) {
      this.marker = DATE_DAYS
      return days
    }
    return value
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

/** A shape split once into its keys and markers. */
interface Shape {
  keys: string[]
  markers: number[]
}

class Unpacker {
  private readonly shapes: Shape[]

  constructor(private readonly page: LeanPullResponse) {
    this.shapes = page.shapes.map((entries) => ({
      keys: entries.map((entry) => entry.slice(1)),
      markers: entries.map((entry) => MARKERS.indexOf(entry[0] as (typeof MARKERS)[number])),
    }))
  }

  unpack(value: unknown): unknown {
    if (!Array.isArray(value)) return value
    const head: unknown = value[0]
    if (head === -1) {
      const items: unknown[] = []
      for (let index = 1; index < value.length; index++) items.push(this.unpack(value[index]))
      return items
    }
    const shape = typeof head === 'number' ? this.shapes[head] : undefined
    if (!shape || shape.keys.length !== value.length - 1)
      throw new Error('lean pull page: bad object')
    const object: Record<string, unknown> = {}
    const { keys, markers } = shape
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] ?? ''
      const field = this.field(markers[index], value[index + 1])
      // Assignment to "__proto__" would set the prototype: define it as an ordinary key.
      if (key === '__proto__')
        Object.defineProperty(object, key, {
          value: field,
          enumerable: true,
          writable: true,
          configurable: true,
        })
      else object[key] = field
    }
    return object
  }

  private field(marker: number | undefined, value: unknown): unknown {
    switch (marker) {
      case PLAIN:
        return this.unpack(value)
      case SHARED: {
        const shared = typeof value === 'number' ? this.page.strings[value] : undefined
        if (shared === undefined) throw new Error('lean pull page: bad string index')
        return shared
      }
      case INSTANT_MS:
        return new Date(this.page.base + Number(value)).toISOString()
      case DATE_DAYS:
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
