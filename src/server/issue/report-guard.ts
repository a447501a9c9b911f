/**
 * Rate limits of residents' own reports, over the shared attempt counters
 * (rate-limit.repository.ts), reserved before any work so that a parallel
 * burst passes at most the limit:
 *
 * - reports per address and window: generous, since villagers behind one
 *   station's Wi-Fi or a carrier's NAT share an address;
 * - reports per village and day: whatever the addresses, a village's inbox
 *   takes at most this many public reports a day, so a flood from many
 *   addresses cannot bury the grid worker's real work.
 *
 * Lookups and feedback by tracking code count against the same per-address
 * budgets as consultation opinions' lookups (opinion-guard.ts): one budget
 * for every tracking code, so a guesser gains nothing by switching routes.
 */
import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { reserveAttempt, type Reservation } from '../rate-limit/rate-limit.repository.ts'

type Db = Kysely<DatabaseSchema>

export const REPORT_WINDOW_MS = 10 * 60_000
/** Reports per address per window. */
export const MAX_REPORTS_PER_IP = 20
const DAY_MS = 24 * 60 * 60_000
/** Public reports per village per day. */
export const MAX_REPORTS_PER_VILLAGE = 60

/** Counts a report of `ip` against the per-address limit; null means 429. */
export function reserveReport(db: Db, ip: string, now: Date): Promise<Reservation | null> {
  return reserveAttempt(
    db,
    [{ key: `report:${ip}`, limit: MAX_REPORTS_PER_IP, windowMs: REPORT_WINDOW_MS }],
    now,
  )
}

/** Counts a report to `villageId` against the village's daily limit; null means 429. */
export function reserveVillageReport(
  db: Db,
  villageId: string,
  now: Date,
): Promise<Reservation | null> {
  return reserveAttempt(
    db,
    [{ key: `report-village:${villageId}`, limit: MAX_REPORTS_PER_VILLAGE, windowMs: DAY_MS }],
    now,
  )
}
