/**
 * The one shape of rate limit every public route (no account) uses, over the
 * shared attempt counters of rate-limit.repository.ts: counted per address
 * before any work, so a parallel burst passes at most the limit whatever it
 * sends, and refused with 429 and the route's own reason.
 *
 * A route that takes a code (a ballot code, a tracking code) also reserves a
 * wrong-code slot up front: tight, which is what makes guessing codes
 * hopeless. The slot is given back once the code proves right; reserving it
 * first (not counting after the lookup) is what keeps a burst from checking
 * more codes than the limit.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { ErrorCode } from '#shared/api/api-error.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { HttpError } from '../plugins/errors.ts'
import { releaseAttempt, reserveAttempt, type Reservation } from './rate-limit.repository.ts'

type Db = Kysely<DatabaseSchema>

/** A per-address limit of a public route. */
export interface PublicLimit {
  /** Names the counter: the key is `<name>:<address>`. */
  name: string
  /** Attempts per address per window; the next one is refused. */
  limit: number
  windowMs: number
  /** The 429's reason, in the route's words. */
  refusal: ErrorCode
}

/** Reads per address per window: a station's shared Wi-Fi with a queue at the board stays under it. */
export const MAX_PUBLIC_READS_PER_IP = 300
export const PUBLIC_READ_WINDOW_MS = 10 * 60_000
/** The one counter every public read shares (walls, progress pages, the report form's places). */
export const PUBLIC_READ_LIMIT: PublicLimit = {
  name: 'public-read',
  limit: MAX_PUBLIC_READS_PER_IP,
  windowMs: PUBLIC_READ_WINDOW_MS,
  refusal: 'too_many_public_reads',
}

/** A public route that takes a code: its attempts, and its wrong codes in the same window. */
export interface CodeLimit extends PublicLimit {
  /** Names the wrong-code counter: the key is `<badName>:<address>`. */
  badName: string
  /** Wrong codes per address per window. */
  badLimit: number
}

/**
 * Counts one attempt of `ip` under `rule` (the same key for a text hash
 * etc.: `ip` is only the key's tail); throws 429 with the rule's reason when
 * over the limit. The reservation may be given back (`releaseAttempt`) when
 * the attempt should not count after all.
 */
export async function limitPublic(
  db: Db,
  rule: PublicLimit,
  ip: string,
  now: Date,
): Promise<Reservation> {
  const reservation = await reserveAttempt(
    db,
    [{ key: `${rule.name}:${ip}`, limit: rule.limit, windowMs: rule.windowMs }],
    now,
  )
  if (!reservation) throw new HttpError(429, rule.refusal)
  return reservation
}

/** What `withCodeLimit` hands its check. */
export interface CodeAttempt {
  now: Date
  /** Call before refusing the code: its wrong-code slot then stays counted. */
  wrongCode: () => void
}

/**
 * Runs `check` of a code sent by `ip`, under `rule`: the attempt and a
 * provisional wrong code are counted first (429 when either is over its
 * limit); afterwards the attempt stays counted and the wrong-code slot only
 * if `check` called `wrongCode()`.
 */
export async function withCodeLimit<T>(
  db: Db,
  log: FastifyBaseLogger,
  rule: CodeLimit,
  ip: string,
  check: (attempt: CodeAttempt) => Promise<T>,
): Promise<T> {
  const now = new Date()
  const badKey = `${rule.badName}:${ip}`
  const reservation = await reserveAttempt(
    db,
    [
      { key: `${rule.name}:${ip}`, limit: rule.limit, windowMs: rule.windowMs },
      { key: badKey, limit: rule.badLimit, windowMs: rule.windowMs },
    ],
    now,
  )
  if (!reservation) throw new HttpError(429, rule.refusal)
  let isWrongCode = false
  try {
    return await check({ now, wrongCode: () => (isWrongCode = true) })
  } finally {
    // Giving back an unused wrong-code slot must not turn the answer into a
    // 500: a slot kept by mistake only counts as one wrong code.
    if (!isWrongCode) {
      await releaseAttempt(db, reservation, [badKey]).catch((error: unknown) =>
        log.error({ err: error, limit: rule.name }, 'rate limit not settled'),
      )
    }
  }
}
