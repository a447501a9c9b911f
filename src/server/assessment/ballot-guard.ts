/**
 * Rate limits of the public ballot route, kept in the database (as login
 * limits are) so several server processes count together. Villagers at one
 * station often share its Wi-Fi or a carrier's address, so the limit on
 * submissions is generous; the limit on wrong codes is tight, which is what
 * makes guessing codes hopeless.
 */
import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/database-schema.ts'

type Db = Kysely<DatabaseSchema>

export const BALLOT_WINDOW_MS = 10 * 60_000
/** Submissions per address per window (a busy station's shared Wi-Fi stays under it). */
export const MAX_BALLOTS_PER_IP = 60
/** Wrong or spent codes per address per window. */
export const MAX_BAD_CODES_PER_IP = 10

const anyKey = (ip: string) => `ballot:${ip}`
const badKey = (ip: string) => `ballot-fail:${ip}`

async function countSince(db: Db, key: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('public_attempt')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('key', '=', key)
    .where('attempted_at', '>', since)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** True when this address must wait before submitting again. */
export async function isBallotBlocked(db: Db, ip: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - BALLOT_WINDOW_MS).toISOString()
  const [all, bad] = await Promise.all([
    countSince(db, anyKey(ip), since),
    countSince(db, badKey(ip), since),
  ])
  return all >= MAX_BALLOTS_PER_IP || bad >= MAX_BAD_CODES_PER_IP
}

/** Counts a submission (and, when `isBadCode`, a wrong code) of this address. */
export async function recordBallotAttempt(
  db: Db,
  ip: string,
  now: Date,
  isBadCode: boolean,
): Promise<void> {
  const at = now.toISOString()
  const rows = [{ key: anyKey(ip), attempted_at: at }]
  if (isBadCode) rows.push({ key: badKey(ip), attempted_at: at })
  await db.insertInto('public_attempt').values(rows).execute()
  await db
    .deleteFrom('public_attempt')
    .where('attempted_at', '<', new Date(now.getTime() - BALLOT_WINDOW_MS).toISOString())
    .execute()
}
