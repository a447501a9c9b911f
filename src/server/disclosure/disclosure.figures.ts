/**
 * Disclosure figures for supervision (issue #17.2): on the day asked, how
 * many (station, category) pairs were due a publication within their period
 * and how many of them are gaps, counted at the station (a village, or a
 * township for its own notices). Departments publish no disclosures.
 */
import type { Kysely } from 'kysely'
import { isWithin } from '#shared/org/org-path.ts'
import type { DisclosureFigures } from '#shared/supervision/figures.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { homePaths } from '../supervision/facts.ts'
import type { ByGroup, Slice } from '../supervision/supervision.queries.ts'
import { readSubtreeGaps } from './disclosure-gaps.repository.ts'

/** Disclosure figures per group of `slice` on `today`. */
export async function disclosureFigures(
  db: Kysely<DatabaseSchema>,
  slice: Slice,
  today: string,
): Promise<ByGroup<DisclosureFigures>> {
  const figures: ByGroup<DisclosureFigures> = new Map()
  const { column, groupBy } = slice
  if (column === 'dept_path' || groupBy === 'dept_path') return figures
  const { stations, categories, gaps } = await readSubtreeGaps(db, slice.value, today)
  const missing = new Map(gaps.map((gap) => [gap.unit, gap.missing.length]))
  for (const station of stations) {
    const paths = homePaths(station.path)
    const at = paths[column]
    if (at === null || !(slice.prefix ? isWithin(at, slice.value) : at === slice.value)) continue
    const seen = figures.get(paths[groupBy]) ?? { due: 0, missing: 0 }
    figures.set(paths[groupBy], {
      due: seen.due + categories.length,
      missing: seen.missing + (missing.get(station.path) ?? 0),
    })
  }
  return figures
}
