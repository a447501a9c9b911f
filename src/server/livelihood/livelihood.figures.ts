/**
 * Livelihood list figures for supervision (issue #16.4): per unit, the items
 * of the period's years on the list, how many are late by their own rules
 * (livelihood.deadlines.ts, in working days, judged on `today`) and how many
 * are completed. Items are few (tens per township a year), so they are read
 * from the stored records, as consultations are.
 */
import type { Kysely } from 'kysely'
import { livelihoodOverdue } from '#shared/livelihood/livelihood.deadlines.ts'
import {
  LIVELIHOOD_ITEM_KIND,
  livelihoodItemDataSchema,
  type LivelihoodItemData,
} from '#shared/livelihood/livelihood.schema.ts'
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import { reportsHeldByList } from '#shared/livelihood/propagation.ts'
import type { LivelihoodFigures } from '#shared/supervision/figures.ts'
import type { Period } from '#shared/supervision/period.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { homePaths } from '../supervision/facts.ts'
import { inSlice, readRecords, tally } from '../supervision/record-tally.ts'
import type { ByGroup, GroupColumn, Slice } from '../supervision/supervision.queries.ts'

/** Items that left the list (joined another, or cancelled) are not counted. */
const GONE: ReadonlySet<string> = new Set(['merged', 'cancelled'])

/** The item's unit in a slice's column: its home for areas, its responsible department for departments. */
function unitOf(data: LivelihoodItemData, column: GroupColumn): string | null {
  if (column === 'dept_path') {
    const unit = data.plan?.responsibleUnit ?? null
    return unit !== null && unit !== data.township ? unit : null
  }
  return homePaths(data.village ?? data.township)[column]
}

/** Livelihood figures per group of `slice`: the items of the years `period` touches. */
export async function livelihoodFigures(
  db: Kysely<DatabaseSchema>,
  slice: Slice,
  period: Period,
  today: string,
): Promise<ByGroup<LivelihoodFigures>> {
  const { figures, add } = tally<LivelihoodFigures>({ items: 0, late: 0, completed: 0 })
  const [first, last] = [Number(period.from.slice(0, 4)), Number(period.to.slice(0, 4))]
  for (const { data } of await readRecords(db, LIVELIHOOD_ITEM_KIND, livelihoodItemDataSchema)) {
    if (GONE.has(data.status) || data.year < first || data.year > last) continue
    if (!inSlice(slice, unitOf(data, slice.column))) continue
    add(unitOf(data, slice.groupBy), {
      items: 1,
      late: livelihoodOverdue(data, today).length > 0 ? 1 : 0,
      completed: data.status === 'completed' ? 1 : 0,
    })
  }
  return figures
}

/**
 * The record keys of the reports whose village clock the list holds on
 * `today` (`reportsHeldByList`, the rule every screen applies): supervision
 * does not count them late at the accept or village stage while their item
 * is on schedule. Derived on read, like the screens, because an item's
 * schedule changes without its reports changing (the per-report facts are
 * computed when a report changes).
 */
export async function heldReportKeys(db: Kysely<DatabaseSchema>, today: string): Promise<string[]> {
  const items = await readRecords(db, LIVELIHOOD_ITEM_KIND, livelihoodItemDataSchema)
  return [...reportsHeldByList(items, today)].map((id) => `${ISSUE_KIND}:${id}`)
}
