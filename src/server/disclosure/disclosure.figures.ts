/**
 * Disclosure figures for supervision (issue #17.2): on the day asked, how
 * many (station, category) pairs were due a publication within their period
 * and how many of them are gaps, counted at the station (a village, or a
 * township for its own notices). Departments publish no disclosures.
 */
import type { Kysely } from 'kysely'
import type { DisclosureFigures } from '#shared/supervision/figures.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { homePaths } from '../supervision/facts.ts'
import { inSlice, tally } from '../supervision/record-tally.ts'
import type { ByGroup, Slice } from '../supervision/supervision.queries.ts'
import { readSubtreeGaps } from './disclosure-gaps.repository.ts'

/** Disclosure figures per group of `slice` on `today`. */
export async function disclosureFigures(
  db: Kysely<DatabaseSchema>,
  slice: Slice,
  today: string,
): Promise<ByGroup<DisclosureFigures>> {
  const { figures, add } = tally<DisclosureFigures>({ due: 0, missing: 0 })
  const { column, groupBy } = slice
  if (column === 'dept_path' || groupBy === 'dept_path') return figures
  const { stations, categories, gaps } = await readSubtreeGaps(db, slice.value, today)
  const missing = new Map(gaps.map((gap) => [gap.unit, gap.missing.length]))
  for (const station of stations) {
    const paths = homePaths(station.path)
    if (!inSlice(slice, paths[column])) continue
    add(paths[groupBy], { due: categories.length, missing: missing.get(station.path) ?? 0 })
  }
  return figures
}
