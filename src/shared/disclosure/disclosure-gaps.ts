/**
 * Supervision of disclosures (issue #17.2): which stations (villages, and
 * townships for their own notices) have not published a category within its
 * period. A category's period is seed 004's default for a built-in one
 * (`BUILTIN_PERIOD_MONTHS`) or the county's own setting. A notice counts
 * from its publication while it is published or archived; a withdrawn one
 * does not count.
 */
import {
  BUILTIN_CATEGORIES,
  BUILTIN_PERIOD_MONTHS,
  COUNTY_CATEGORY_PREFIX,
  type DisclosureData,
} from './disclosure.schema.ts'

/** A category to supervise: its key (built-in or `county:<id>`), name and period. */
export interface SupervisedCategory {
  key: string
  /** The county's word for its own category; null for a built-in one (the app names it). */
  name: string | null
  periodMonths: number
}

/** The categories a county supervises: seed 004's six and its own active ones. */
export function supervisedCategories(
  county: ReadonlyArray<{ id: string; name: string; periodMonths: number; isActive: boolean }>,
): SupervisedCategory[] {
  return [
    ...BUILTIN_CATEGORIES.map((key) => ({
      key,
      name: null,
      periodMonths: BUILTIN_PERIOD_MONTHS[key],
    })),
    ...county
      .filter((category) => category.isActive)
      .map((category) => ({
        key: `${COUNTY_CATEGORY_PREFIX}${category.id}`,
        name: category.name,
        periodMonths: category.periodMonths,
      })),
  ]
}

/** The day `months` calendar months before `today` ('YYYY-MM-DD'), clamped to the month's end. */
export function monthsBefore(today: string, months: number): string {
  const [year = 0, month = 1, day = 1] = today.split('-').map(Number)
  const index = year * 12 + (month - 1) - months
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${y}-${pad(m)}-${pad(Math.min(day, lastDay))}`
}

/** One station's categories with no publication in their period, and when each was last published. */
export interface StationGap {
  unit: string
  missing: Array<{ key: string; name: string | null; lastPublishedOn: string | null }>
}

/**
 * The gaps of each station in `stations` (paths) on `today` (China date).
 * `publishedOn` of a disclosure is the China date of its publication.
 */
export function disclosureGaps(
  stations: readonly string[],
  disclosures: ReadonlyArray<
    Pick<DisclosureData, 'unit' | 'category' | 'status'> & { publishedOn: string | null }
  >,
  categories: readonly SupervisedCategory[],
  today: string,
): StationGap[] {
  const latest = new Map<string, string>()
  for (const d of disclosures) {
    if ((d.status !== 'published' && d.status !== 'archived') || !d.publishedOn) continue
    const key = `${d.unit} ${d.category}`
    if ((latest.get(key) ?? '') < d.publishedOn) latest.set(key, d.publishedOn)
  }
  return stations
    .map((unit) => ({
      unit,
      missing: categories
        .map((category) => ({
          key: category.key,
          name: category.name,
          lastPublishedOn: latest.get(`${unit} ${category.key}`) ?? null,
          since: monthsBefore(today, category.periodMonths),
        }))
        .filter((entry) => entry.lastPublishedOn === null || entry.lastPublishedOn < entry.since)
        .map(({ key, name, lastPublishedOn }) => ({ key, name, lastPublishedOn })),
    }))
    .filter((gap) => gap.missing.length > 0)
}
