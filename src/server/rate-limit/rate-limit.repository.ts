/**
 * Attempt counters behind every rate limit (login, password change, public
 * ballots), in the database so that several server processes count together.
 *
 * An attempt is *reserved before* the slow check it guards (argon2, a code
 * lookup), by one atomic statement per counter:
 *
 *   INSERT … VALUES (key, now + window, 1)
 *   ON CONFLICT (key) DO UPDATE SET attempts = attempts + 1 (or 1 if the window ended)
 *   RETURNING attempts
 *
 * On PostgreSQL the conflicting row is locked and the update applies to its
 * latest committed version (READ COMMITTED re-checks it), and SQLite runs one
 * statement at a time, so concurrent reservations of one key get distinct
 * numbers 1, 2, 3, … A reservation numbered above the limit is given back and
 * refused without being checked. A failed check keeps its reservation (it is
 * the failure); a successful one gives it back. Hence the guarantee the
 * race test proves: of a burst of N parallel failing attempts, at most `limit`
 * are checked, whatever N and however many server processes share the
 * database. (Counting first and recording after the check, as before, let a
 * whole burst through: every request saw the count before any had failed.)
 *
 * Windows are fixed and start at a key's first attempt; an ended window
 * restarts at the next attempt. Rows of ended windows are pruned.
 */
import { sql, type Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/database-schema.ts'

type Db = Kysely<DatabaseSchema>

/** One counter an attempt must fit under. */
export interface LimitRule {
  key: string
  /** Attempts allowed per window; the next one is refused. */
  limit: number
  windowMs: number
}

/** What an allowed attempt holds: one slot per rule, in the window it was counted in. */
export interface Reservation {
  readonly slots: readonly { key: string; windowEndsAt: string }[]
}

/**
 * Counts one attempt against every rule, in order. Null when a rule is over
 * its limit: then nothing stays counted (the attempt was refused, not made).
 */
export async function reserveAttempt(
  db: Db,
  rules: readonly LimitRule[],
  now: Date,
): Promise<Reservation | null> {
  const nowIso = now.toISOString()
  const slots: { key: string; windowEndsAt: string }[] = []
  // One statement per key, each locking one row: no statement ever holds a
  // row while waiting for another, so reservations cannot deadlock.
  for (const rule of rules) {
    const windowEnded = sql<boolean>`${sql.ref('rate_limit.window_ends_at')} <= ${nowIso}`
    const row = await db
      .insertInto('rate_limit')
      .values({
        key: rule.key,
        window_ends_at: new Date(now.getTime() + rule.windowMs).toISOString(),
        attempts: 1,
      })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          attempts: sql<number>`case when ${windowEnded} then 1 else ${sql.ref('rate_limit.attempts')} + 1 end`,
          window_ends_at: sql<string>`case when ${windowEnded} then ${sql.ref('excluded.window_ends_at')} else ${sql.ref('rate_limit.window_ends_at')} end`,
        }),
      )
      .returning(['attempts', 'window_ends_at'])
      .executeTakeFirstOrThrow()
    slots.push({ key: rule.key, windowEndsAt: row.window_ends_at })
    if (Number(row.attempts) > rule.limit) {
      await releaseAttempt(db, { slots })
      return null
    }
  }
  await pruneNowAndThen(db, now)
  return { slots }
}

/**
 * Gives back a reservation (all of it, or only the slots of `keys`): the
 * attempt succeeded or did not need the limit. A window that has ended or
 * been cleared meanwhile is left alone.
 */
export async function releaseAttempt(
  db: Db,
  reservation: Reservation,
  keys?: readonly string[],
): Promise<void> {
  for (const slot of reservation.slots) {
    if (keys && !keys.includes(slot.key)) continue
    await db
      .updateTable('rate_limit')
      .set((eb) => ({ attempts: eb('attempts', '-', 1) }))
      .where('key', '=', slot.key)
      .where('window_ends_at', '=', slot.windowEndsAt)
      .where('attempts', '>', 0)
      .execute()
  }
}

/** Forgets a key's count (e.g. failures "in a row" after a success). */
export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limit').where('key', '=', key).execute()
}

/** Forgets the counts of every key starting with `prefix` (no LIKE wildcards in it). */
export async function clearAttemptsWithPrefix(db: Db, prefix: string): Promise<void> {
  await db.deleteFrom('rate_limit').where('key', 'like', `${prefix}%`).execute()
}

/** Deletes the counters whose window has ended (they count as empty anyway). */
export async function pruneRateLimits(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('rate_limit').where('window_ends_at', '<=', now.toISOString()).execute()
}

const PRUNE_EVERY_MS = 60_000
// Per process and database handle: when this process last pruned.
const lastPruned = new WeakMap<Db, number>()

/**
 * Prunes at most once a minute per process, so that the table holds only live
 * windows without a delete on every attempt. A prune that fails (two processes
 * pruning at once may deadlock on PostgreSQL, which aborts one) is simply
 * retried a minute later: it must never fail the attempt that triggered it.
 */
async function pruneNowAndThen(db: Db, now: Date): Promise<void> {
  const last = lastPruned.get(db)
  if (last !== undefined && now.getTime() - last < PRUNE_EVERY_MS) return
  lastPruned.set(db, now.getTime())
  await pruneRateLimits(db, now).catch(() => undefined)
}
