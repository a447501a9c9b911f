/**
 * Where a catalogue entry stands: planned, opened (its consultation opened
 * within the planned quarter), overdue (the quarter has ended and no
 * consultation has opened) or opened late. The quarter ends on its last
 * calendar day (China time): an entry planned for Q1 that has not opened by
 * 31 March is overdue from 1 April. The public page shows it, and the work
 * desk and supervision count it (`countOverdue`).
 */
import type { CatalogueEntry, Quarter } from './catalogue.schema.ts'

/** An entry's standing on a given day. */
export const ENTRY_STATUSES = ['planned', 'opened', 'overdue', 'opened_late'] as const
/** An entry's standing on a given day. */
export type EntryStatus = (typeof ENTRY_STATUSES)[number]

const QUARTER_ENDS: Readonly<Record<Quarter, string>> = {
  1: '03-31',
  2: '06-30',
  3: '09-30',
  4: '12-31',
}

/** The last day ('YYYY-MM-DD') of quarter `quarter` of `year`. */
export function quarterEnd(year: number, quarter: Quarter): string {
  return `${String(year).padStart(4, '0')}-${QUARTER_ENDS[quarter]}`
}

/**
 * The standing of `entry` of the catalogue of `year` on China date `today`,
 * given the day its linked consultation opened (null while it has not, or
 * when none is linked).
 */
export function entryStatus(
  entry: Pick<CatalogueEntry, 'plannedQuarter'>,
  year: number,
  openedOn: string | null,
  today: string,
): EntryStatus {
  const due = quarterEnd(year, entry.plannedQuarter)
  if (openedOn !== null && openedOn <= today) return openedOn <= due ? 'opened' : 'opened_late'
  return today > due ? 'overdue' : 'planned'
}

/** How many of `statuses` are overdue (opened late ones were overdue and are no longer). */
export function countOverdue(statuses: readonly EntryStatus[]): number {
  return statuses.filter((status) => status === 'overdue').length
}
