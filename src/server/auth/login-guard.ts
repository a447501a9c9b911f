/**
 * Login rate limits (also for the current password at a password change),
 * over the shared attempt counters of rate-limit.repository.ts: an attempt is
 * reserved before the password is verified, so a parallel burst verifies at
 * most the limit, and a refused attempt learns nothing (429 before any check).
 *
 * Three counters, so that a stranger cannot lock a user out (ADR 0006):
 * - phone AND address: the tight limit, the one a guesser at one place meets;
 *   a success from that pair starts it again ("in a row");
 * - phone across all addresses: higher, against guessing from many places;
 * - address across all phones: against one place trying many phones.
 */
import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/database-schema.ts'
import {
  clearAttempts,
  clearAttemptsWithPrefix,
  releaseAttempt,
  reserveAttempt,
  type LimitRule,
  type Reservation,
} from '../rate-limit/rate-limit.repository.ts'

type Db = Kysely<DatabaseSchema>

export const LOGIN_WINDOW_MS = 15 * 60_000
/** The 6th wrong password for one phone from one address is refused. */
export const MAX_FAILURES_PER_PAIR = 5
/** Four places' worth of the pair limit: one stranger cannot reach it, a botnet can only slow down. */
export const MAX_FAILURES_PER_PHONE = 20
/** A whole office may share one address: allow more per address. */
export const MAX_FAILURES_PER_IP = 30

const pairPrefix = (phone: string) => `login-pair:${phone}|`
const pairKey = (phone: string, ip: string) => `${pairPrefix(phone)}${ip}`
const phoneKey = (phone: string) => `login-phone:${phone}`

function loginRules(phone: string, ip: string): LimitRule[] {
  // Most specific first: a guesser stopped by the pair never touches the others.
  return [
    { key: pairKey(phone, ip), limit: MAX_FAILURES_PER_PAIR, windowMs: LOGIN_WINDOW_MS },
    { key: phoneKey(phone), limit: MAX_FAILURES_PER_PHONE, windowMs: LOGIN_WINDOW_MS },
    { key: `login-ip:${ip}`, limit: MAX_FAILURES_PER_IP, windowMs: LOGIN_WINDOW_MS },
  ]
}

/**
 * Counts a password attempt before it is verified; null means refuse it with
 * 429. Unless `acceptPasswordAttempt` gives it back, it stays counted as a failure.
 */
export function reservePasswordAttempt(
  db: Db,
  phone: string,
  ip: string,
  now: Date,
): Promise<Reservation | null> {
  return reserveAttempt(db, loginRules(phone, ip), now)
}

/** The password was right: it costs nothing, and this pair's failures start again. */
export async function acceptPasswordAttempt(
  db: Db,
  reservation: Reservation,
  phone: string,
  ip: string,
): Promise<void> {
  await releaseAttempt(db, reservation)
  await clearAttempts(db, pairKey(phone, ip))
}

/**
 * Lifts every login limit on a phone (the phone-wide one and those of each
 * address), for an admin to end a lockout; address limits stay.
 */
export async function clearPasswordAttempts(db: Db, phone: string): Promise<void> {
  await clearAttempts(db, phoneKey(phone))
  await clearAttemptsWithPrefix(db, pairPrefix(phone))
}
