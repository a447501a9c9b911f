/**
 * Rate limits and spam checks of the public opinion routes, over the shared
 * attempt counters in the shape every public route uses
 * (rate-limit/public-guard.ts): reserved before any work, so that a parallel
 * burst passes at most the limit:
 *
 * - opinions per address and window: generous, since villagers behind one
 *   station's Wi-Fi or a carrier's NAT share an address;
 * - the same text to the same consultation from the same address: once per
 *   30 days (a counter of limit 1 keyed by a hash of the three, so the text
 *   itself is not kept in the table);
 * - tracking-code lookups per address, and wrong codes per address: tight,
 *   which is what makes guessing codes hopeless.
 */
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { CodeLimit, PublicLimit } from '../rate-limit/public-guard.ts'
import { reserveAttempt, type Reservation } from '../rate-limit/rate-limit.repository.ts'

type Db = Kysely<DatabaseSchema>

export const OPINION_WINDOW_MS = 10 * 60_000
/** Opinions per address per window. */
export const MAX_OPINIONS_PER_IP = 30
/** A text sent twice within this is refused (per address and consultation). */
export const DUPLICATE_WINDOW_MS = 30 * 24 * 60 * 60_000
/** Lookups per address per window (a person checks a few times; a script many). */
export const MAX_LOOKUPS_PER_IP = 60
/** Wrong tracking codes per address per window. */
export const MAX_BAD_CODES_PER_IP = 10

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** Text as compared for duplicates: without white space, in lower case. */
function sameTextKey(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase()
}

/** Opinions per address: generous (a station's Wi-Fi, a carrier's NAT). */
export const OPINION_LIMIT: PublicLimit = {
  name: 'opinion',
  limit: MAX_OPINIONS_PER_IP,
  windowMs: OPINION_WINDOW_MS,
  refusal: 'too_many_opinions',
}

/**
 * Claims `text` for (`ip`, `consultationId`); null when the address already
 * sent it. Kept when the opinion is stored; given back (`releaseAttempt`)
 * when it is refused for another reason, so the person may send it again.
 */
export function claimText(
  db: Db,
  ip: string,
  consultationId: string,
  text: string,
  now: Date,
): Promise<Reservation | null> {
  const key = `opinion-text:${sha256(`${ip}\n${consultationId}\n${sameTextKey(text)}`)}`
  return reserveAttempt(db, [{ key, limit: 1, windowMs: DUPLICATE_WINDOW_MS }], now)
}

/** Tracking-code lookups per address, and wrong codes among them. */
export const LOOKUP_LIMIT: CodeLimit = {
  name: 'opinion-lookup',
  limit: MAX_LOOKUPS_PER_IP,
  windowMs: OPINION_WINDOW_MS,
  refusal: 'too_many_lookups',
  badName: 'opinion-code-fail',
  badLimit: MAX_BAD_CODES_PER_IP,
}

/** The stored form of a tracking code: its SHA-256 (60 random bits: no salt needed). */
export const hashTrackingCode = (code: string) => sha256(code)
