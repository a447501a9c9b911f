/**
 * Rate limits of the public ballot routes (assessment forms, livelihood
 * rankings), in the shape every public route uses (rate-limit/public-guard.ts).
 * Villagers at one station often share its Wi-Fi or a carrier's address, so
 * the limit on submissions is generous; the limit on wrong codes is tight,
 * which is what makes guessing codes hopeless.
 */
import type { CodeLimit } from '../rate-limit/public-guard.ts'

export const BALLOT_WINDOW_MS = 10 * 60_000
/** Submissions per address per window (a busy station's shared Wi-Fi stays under it). */
export const MAX_BALLOTS_PER_IP = 60
/** Wrong or spent codes per address per window. */
export const MAX_BAD_CODES_PER_IP = 10

export const BALLOT_LIMIT: CodeLimit = {
  name: 'ballot',
  limit: MAX_BALLOTS_PER_IP,
  windowMs: BALLOT_WINDOW_MS,
  refusal: 'too_many_ballots',
  badName: 'ballot-fail',
  badLimit: MAX_BAD_CODES_PER_IP,
}
