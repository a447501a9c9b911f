/**
 * fast-check arbitraries read off zod schemas, for property tests that throw
 * near-valid and hostile input at the server: each field gets values of its
 * own shape (enum members, array lengths around the limits) mixed with edge
 * values — U+0000, lone surrogates, zero-width-only and huge strings, year
 * 0050 and 2025-02-30, numbers at the edges — and realistic strings from the
 * caller's pool (org paths, record ids) so that regex-checked fields are
 * sometimes right. Not a full zod → arbitrary mapping: it covers the node
 * types the record kinds' payload schemas use and falls back to "anything".
 */
import fc from 'fast-check'

/** Strings every text, id or date field should survive. */
export const EDGE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  '村口\u0000路灯',
  '\ud800',
  '路灯\udfff',
  'x\ud83d',
  '\u200b',
  '\u200b\u200d\u2060\ufeff',
  '\u3000\u3000',
  '\u0301',
  'e\u0301',
  '\u202e反向文字',
  '第一行\r\n第二行',
  '\t',
  '\u0007\u001b[31m',
  '\u0085',
  '0050-01-01',
  '2025-02-30',
  '2025-02-29',
  '1999-12-31',
  '2101-01-01',
  '9999-12-31',
  '2024-02-29',
  '2026-11-26',
  '2026-11-26T00:00:00Z',
  '25:61',
  'x'.repeat(10_000),
  '路'.repeat(3_000),
  '👩‍👩‍👧'.repeat(50),
  "'; drop table sync_record; --",
  '%_\\',
  '/',
  '//',
  '/demo-county/../',
  '/demo-county/demo-t1/demo-t1-v1/demo-t1-v1-g1/demo-t1-v1-g1/',
  'a'.repeat(64),
  'A'.repeat(64),
]

/** Dates a date field should refuse or take: impossible days, odd years, leap days, the range's ends. */
export const EDGE_DATES: readonly string[] = [
  '0050-01-01',
  '0000-01-01',
  '1900-02-28',
  '1999-12-31',
  '2000-01-01',
  '2025-02-29',
  '2025-02-30',
  '2025-04-31',
  '2024-02-29',
  '2100-12-31',
  '2101-01-01',
  '9999-12-31',
]

/** Numbers at the edges of every range a payload has. */
export const EDGE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1,
  0.5,
  1.5,
  5,
  6,
  50,
  2000,
  2100,
  10_000,
  100_000,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  -1e308,
  Number.MIN_VALUE,
]

export interface ArbitraryOptions {
  /** Realistic strings (paths, ids, dates, enum-like words) mixed into every string field. */
  pool: readonly string[]
  /** Longest generated array (besides edge lengths). */
  maxArray?: number
}

interface ZodNode {
  _zod: { def: Record<string, unknown> & { type: string } }
}

function isZodNode(value: unknown): value is ZodNode {
  return typeof value === 'object' && value !== null && '_zod' in value
}

function defOf(schema: unknown): (Record<string, unknown> & { type: string }) | null {
  return isZodNode(schema) ? schema._zod.def : null
}

/** A string: realistic, an edge case, or random (any code unit, lone surrogates included). */
export function anyString(pool: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(pool.length > 0 ? pool : [''])) },
    { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  )
}

/** A number: an edge value or random. */
export function anyNumber(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constantFrom(...EDGE_NUMBERS),
    fc.integer({ min: -5, max: 200 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  )
}

/** Any JSON value (for fields of unknown shape and for wrong-type injections). */
export function anyJson(options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(anyString(options.pool), anyNumber(), fc.boolean(), fc.constant(null))
  return fc.oneof(
    { weight: 5, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'b', 'note'), leaf) },
  )
}

/** Values shaped by `schema`, with edge cases; now and then a value of the wrong type. */
export function arbitraryFor(schema: unknown, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 9, arbitrary: shaped(schema, options) },
    { weight: 1, arbitrary: anyJson(options) },
  )
}

function shaped(schema: unknown, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  if (!def) return anyJson(options)
  const maxArray = options.maxArray ?? 3
  switch (def.type) {
    case 'string':
      // A date field (z.iso.date) gets dates at the edges more often than anything else.
      return def.format === 'date'
        ? fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...EDGE_DATES) },
            { weight: 1, arbitrary: anyString(options.pool) },
          )
        : anyString(options.pool)
    case 'number':
    case 'int':
      return anyNumber()
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'literal':
      return fc.constantFrom(...listOf(def.values))
    case 'enum':
      return fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...Object.values(asObject(def.entries))) },
        { weight: 1, arbitrary: anyString(options.pool) },
      )
    case 'optional':
      return fc.option(arbitraryFor(def.innerType, options), { nil: undefined })
    case 'nullable':
      return fc.option(arbitraryFor(def.innerType, options), { nil: null })
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return shaped(def.innerType, options)
    case 'pipe':
      return shaped(def.in, options)
    case 'array':
      return fc.oneof(
        {
          weight: 5,
          arbitrary: fc.array(arbitraryFor(def.element, options), { maxLength: maxArray }),
        },
        { weight: 1, arbitrary: fc.constant([]) },
      )
    case 'union':
      return fc.oneof(...listOf(def.options).map((option) => shaped(option, options)))
    case 'record':
      return fc.dictionary(anyString(options.pool), arbitraryFor(def.valueType, options), {
        maxKeys: 3,
      })
    case 'intersection':
      return fc
        .tuple(shaped(def.left, options), shaped(def.right, options))
        .map(([left, right]) => ({ ...asObject(left), ...asObject(right) }))
    case 'object': {
      const shape = asObject(def.shape)
      return fc.record(
        Object.fromEntries(
          Object.entries(shape).map(([key, field]) => [key, arbitraryFor(field, options)]),
        ),
      )
    }
    default:
      return anyJson(options)
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {}
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value.map((item: unknown) => item) : []
}

/** The fields of an object schema (through optional, default, pipe, refine wrappers); empty otherwise. */
export function objectShape(schema: unknown): Record<string, unknown> {
  const def = defOf(schema)
  if (!def) return {}
  if (def.type === 'object') return asObject(def.shape)
  if (def.type === 'pipe') return objectShape(def.in)
  if (def.type === 'intersection') return { ...objectShape(def.left), ...objectShape(def.right) }
  if ('innerType' in def) return objectShape(def.innerType)
  return {}
}

/**
 * A payload near `base`: a few of its fields replaced by values of the
 * field's shape (or of any shape), removed, or joined by unknown fields.
 */
export function payloadNear(
  schema: unknown,
  base: Record<string, unknown>,
  options: ArbitraryOptions,
): fc.Arbitrary<Record<string, unknown>> {
  const shape = objectShape(schema)
  const keys = [...new Set([...Object.keys(shape), ...Object.keys(base)])]
  const edit = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .constantFrom(...(keys.length > 0 ? keys : ['x']))
        .chain((key) =>
          arbitraryFor(shape[key], options).map((value) => ({ key, value, remove: false })),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...(keys.length > 0 ? keys : ['x']))
        .map((key) => ({ key, value: undefined, remove: true })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('extra', 'note2', 'k\u0000', 'k\ud800', '🙂'), anyJson(options))
        .map(([key, value]) => ({ key, value, remove: false })),
    },
  )
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
        const payload: Record<string, unknown> = { ...base }
        for (const { key, value, remove } of edits) {
          if (remove) delete payload[key]
          else payload[key] = value
        }
        return payload
      }),
    },
    { weight: 1, arbitrary: fc.constant(base) },
    { weight: 1, arbitrary: shaped(schema, options).map(asObject) },
  )
}

/** What a field should survive, for a systematic sweep: edge values of its type and of others. */
export function edgeValuesFor(schema: unknown): readonly unknown[] {
  const def = defOf(schema)
  const wrongTypes: unknown[] = [null, 0, true, [], {}, ['\u0000'], { x: '\ud800' }]
  if (!def) return wrongTypes
  switch (def.type) {
    case 'string':
      return def.format === 'date' ? [...EDGE_DATES, ...EDGE_STRINGS] : EDGE_STRINGS
    case 'number':
    case 'int':
      return [...EDGE_NUMBERS, '1', null]
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return edgeValuesFor(def.innerType)
    case 'pipe':
      return edgeValuesFor(def.in)
    case 'array':
      return [
        ...wrongTypes,
        new Array<unknown>(500).fill(EDGE_STRINGS[0]),
        ...EDGE_STRINGS.map((value) => [value]),
      ]
    case 'object':
      return [
        ...wrongTypes,
        ...Object.keys(asObject(def.shape)).flatMap((key) =>
          EDGE_STRINGS.slice(0, 12).map((value) => ({ [key]: value })),
        ),
      ]
    default:
      return [...wrongTypes, ...EDGE_STRINGS.slice(0, 12)]
  }
}
