/**
 * The supervision figures counted from the stored records rather than the
 * facts (consultations, livelihood items, outreach, oversight, disclosure):
 * their records are few (tens a year per township), so a view reads every
 * record of the kind, keeps those in its slice and adds them up per group.
 */
import type { Kysely } from 'kysely'
import { isWithin } from '#shared/org/org-path.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { ByGroup, Slice } from './supervision.queries.ts'

/** A schema records are parsed with (a zod schema). */
interface RecordSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false }
}

/** Every stored record of `kind` that `schema` accepts, with its id (others are skipped). */
export async function readRecords<T>(
  db: Kysely<DatabaseSchema>,
  kind: string,
  schema: RecordSchema<T>,
): Promise<{ id: string; data: T }[]> {
  const rows = await db
    .selectFrom('sync_record')
    .select(['id', 'data'])
    .where('kind', '=', kind)
    .execute()
  return rows.flatMap((row) => {
    const parsed = schema.safeParse(JSON.parse(row.data))
    return parsed.success ? [{ id: row.id, data: parsed.data }] : []
  })
}

/** Whether `unit` (a path in the slice's column, null for none) is one the slice counts. */
export function inSlice(slice: Slice, unit: string | null): boolean {
  return unit !== null && (slice.prefix ? isWithin(unit, slice.value) : unit === slice.value)
}

/** Figures per group, added up from `zero` one record at a time. */
export interface Tally<F extends { [K in keyof F]: number }> {
  figures: ByGroup<F>
  /** Adds `counted` to `group`'s figures (a figure not named counts 0). */
  add(this: void, group: string | null, counted: Partial<F>): void
}

/** A tally of figures shaped like `zero`, with no group yet. */
export function tally<F extends { [K in keyof F]: number }>(zero: F): Tally<F> {
  const figures: ByGroup<F> = new Map()
  const add = (group: string | null, counted: Partial<F>) => {
    const next = { ...(figures.get(group) ?? zero) }
    for (const key of Object.keys(counted) as (keyof F)[]) {
      next[key] = (next[key] + (counted[key] ?? 0)) as F[keyof F]
    }
    figures.set(group, next)
  }
  return { figures, add }
}
