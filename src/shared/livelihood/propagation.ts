/**
 * "Answered and settled" (事事有回应，件件有着落, issue #16.5): what each
 * source issue report shows of the livelihood item it backs, the feedback
 * visit a returned or cancelled item puts on the grid worker's desk, and the
 * reports whose village clock the item holds. All of it is derived on read
 * from the item records the viewer holds — nothing is copied onto the
 * reports, so there is no second write path to keep in step and an item's
 * change reaches its reports the moment it syncs (docs/livelihood-list.md,
 * "Answered and settled").
 *
 * The item's audience reaches every grid of its township (a downward mark,
 * livelihood.kind.ts), so whoever sees a source report sees its item.
 */
import { isOnSchedule, type LivelihoodDeadlineData } from './livelihood.deadlines.ts'
import type { LivelihoodStatus } from './livelihood.schema.ts'

/** The fields of an item this module reads (a subset of the stored item). */
export interface SourceItem {
  id: string
  data: {
    name: string
    status: LivelihoodStatus
    sourceIssueIds: readonly string[]
    /** The consultation opinions it holds (#16.1; absent on older items). */
    sourceOpinionIds?: readonly string[]
    returnReason: string | null
    cancelReason: string | null
    mergedInto: string | null
    progress: readonly { date: string; percent: number; note: string }[]
    events: readonly { action: string; at: string; note: string }[]
  }
}

/** Statuses in which an item no longer holds its reports (they may be proposed again). */
const RELEASED: ReadonlySet<LivelihoodStatus> = new Set(['merged', 'cancelled'])
/** Statuses that answer a report with a "no" and a reason, for now or for good. */
const TURNED_DOWN: ReadonlySet<LivelihoodStatus> = new Set(['returned', 'cancelled'])

/** The instant of the latest ledger entry of `action`, or null. */
function lastAt(item: SourceItem, action: string): string | null {
  for (let i = item.data.events.length - 1; i >= 0; i--) {
    const event = item.data.events[i]
    if (event?.action === action) return event.at
  }
  return null
}

/** What a report's timeline shows of its item. */
export interface ReportListing {
  itemId: string
  name: string
  status: LivelihoodStatus
  /** The latest progress, 0–100 (0 before any report). */
  percent: number
  /** The date and note of the latest progress report, when there is one. */
  latestProgress: { date: string; note: string } | null
  /** The reason of a return or a cancellation, while the item is returned or cancelled. */
  reason: string | null
  /** When the item was returned or cancelled (ISO instant), for the feedback visit. */
  turnedDownAt: string | null
}

/** The reports an item holds: its source reports (the default of `listingOf`). */
const issuesOf = (item: SourceItem): readonly string[] => item.data.sourceIssueIds

/** The opinions an item holds, for `listingOf` an opinion (#16.1). */
export const opinionsOf = (item: SourceItem): readonly string[] => item.data.sourceOpinionIds ?? []

/**
 * The item that answers report `sourceId` (or, with `sourcesOf` =
 * `opinionsOf`, consultation opinion `sourceId`): the one holding it, else
 * the newest that released it by a cancellation (whose reason the report
 * keeps). A merged item hands its reports on, so it never answers one itself.
 */
export function listingOf(
  sourceId: string,
  items: readonly SourceItem[],
  sourcesOf: (item: SourceItem) => readonly string[] = issuesOf,
): ReportListing | null {
  const listing = items.filter(
    (item) => sourcesOf(item).includes(sourceId) && item.data.status !== 'merged',
  )
  const holding = listing.find((item) => !RELEASED.has(item.data.status))
  const item =
    holding ??
    listing
      .filter((candidate) => candidate.data.status === 'cancelled')
      .sort((a, b) => (lastAt(b, 'cancel') ?? '').localeCompare(lastAt(a, 'cancel') ?? ''))[0]
  if (!item) return null
  const { status, progress } = item.data
  const latest = progress.at(-1)
  const isReturned = status === 'returned'
  const isCancelled = status === 'cancelled'
  return {
    itemId: item.id,
    name: item.data.name,
    status,
    percent: latest?.percent ?? 0,
    latestProgress: latest ? { date: latest.date, note: latest.note } : null,
    reason: isReturned ? item.data.returnReason : isCancelled ? item.data.cancelReason : null,
    turnedDownAt: isReturned ? lastAt(item, 'return') : isCancelled ? lastAt(item, 'cancel') : null,
  }
}

/**
 * The ids of the reports held by an item that is on schedule: their village
 * clock stops (issue.deadlines.ts, `isOverdue`), since the item is their
 * answer. `isLate` is the item's own rule (livelihood.deadlines.ts); a
 * returned or cancelled item holds no clock.
 */
export function reportsHeldOnSchedule<I extends SourceItem>(
  items: readonly I[],
  isLate: (item: I) => boolean,
): Set<string> {
  const held = new Set<string>()
  for (const item of items) {
    if (RELEASED.has(item.data.status) || TURNED_DOWN.has(item.data.status)) continue
    if (isLate(item)) continue
    for (const id of item.data.sourceIssueIds) held.add(id)
  }
  return held
}

/** An item with what both its deadlines and its reports' listing read (the whole record or its lean row). */
export interface ListedItem {
  id: string
  data: SourceItem['data'] & LivelihoodDeadlineData
}

/**
 * The ids of the reports whose village clock the list holds on `today`:
 * backed by an item that is on schedule by its own rules
 * (livelihood.deadlines.ts, `isOnSchedule`). The one rule every screen that
 * shows a report's lateness applies (`isOverdue`'s `isHeldByList`).
 */
export function reportsHeldByList(items: readonly ListedItem[], today: string): Set<string> {
  return reportsHeldOnSchedule(items, (item) => !isOnSchedule(item.data, today))
}

/**
 * The ids of the reports backing items that were returned or cancelled:
 * the only reports the feedback visit rule needs to read.
 */
export function turnedDownSources(items: readonly SourceItem[]): string[] {
  return items.flatMap((item) =>
    TURNED_DOWN.has(item.data.status) ? [...item.data.sourceIssueIds] : [],
  )
}

/** The fields of a report the feedback visit rule reads. */
export interface FeedbackReport {
  id: string
  status: string
  /** When the report last changed (its latest ledger entry, ISO instant). */
  lastEventAt: string
}

/** Report statuses that end the matter: nobody visits about them any more. */
const ENDED: ReadonlySet<string> = new Set(['closed', 'withdrawn', 'merged'])

/**
 * The reports whose item was returned or cancelled and that nobody has
 * acted on since: the grid worker who logged each visits the resident with
 * the reason (待回访). The visit is done once the report moves on (the
 * village answers it, proposes it again, or closes it), which is when its
 * ledger gets an entry after the item's "no".
 */
export function feedbackVisitsDue<R extends FeedbackReport>(
  reports: readonly R[],
  items: readonly SourceItem[],
): R[] {
  return reports.filter((report) => {
    if (ENDED.has(report.status)) return false
    const listing = listingOf(report.id, items)
    return listing?.turnedDownAt != null && report.lastEventAt < listing.turnedDownAt
  })
}
