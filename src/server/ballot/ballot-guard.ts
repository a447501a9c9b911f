/**
 * Rate limits of the public ballot routes (assessment forms, livelihood rankings), over the shared attempt counters
 * (rate-limit.repository.ts) so several server processes count together.
 * Villagers at one station often share its Wi-Fi or a carrier's address, so
 * the limit on submissions is generous; the limit on wrong codes is tight,
 * which is what makes guessing codes hopeless. Both are reserved before the
 * code is looked up, so a parallel burst checks at most the limit of codes.
 */
import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/database-schema.ts'
import {
  releaseAttempt,
  reserveAttempt,
  type Reservation,
} from '../rate-limit/rate-limit.repository.ts'

type Db = Kysely<DatabaseSchema>

export const BALLOT_WINDOW_MS = 10 * 60_000
/** Submissions per address per window (a busy station's shared Wi-Fi stays under it). */
export const MAX_BALLOTS_PER_IP = 60
/** Wrong or spent codes per address per window. */
export const MAX_BAD_CODES_PER_IP = 10

const badKey = (ip: string) => `ballot-fail:${ip}`

/**
 * Counts a submission, and provisionally a wrong code, before the code is
 * checked; null means refuse it with 429.
 */
export function reserveBallot(db: Db, ip: string, now: Date): Promise<Reservation | null> {
  return reserveAttempt(
    db,
    [
      { key: `ballot:${ip}`, limit: MAX_BALLOTS_PER_IP, windowMs: BALLOT_WINDOW_MS },
      { key: badKey(ip), limit: MAX_BAD_CODES_PER_IP, windowMs: BALLOT_WINDOW_MS },
    ],
    now,
  )
}

/** The submission stays counted; the wrong-code slot only if the code was bad. */
export async function settleBallot(
  db: Db,
  reservation: Reservation,
  ip: string,
  isBadCode: boolean,
): Promise<void> {
  if (!isBadCode) await releaseAttempt(db, reservation, [badKey(ip)])
}
