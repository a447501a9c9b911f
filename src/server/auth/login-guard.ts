/**
 * Login rate limiting, kept in the database so that several server processes
 * count together. Failures are counted per phone number and per client
 * address over a sliding window; past the limit the login is refused with 429
 * before the password is even checked (no oracle for a guessing attacker).
 */
import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/database-schema.ts'

type Db = Kysely<DatabaseSchema>

export const LOGIN_WINDOW_MS = 15 * 60_000
/** The 6th wrong password in a row for one phone number is refused. */
export const MAX_FAILURES_PER_PHONE = 5
/** A whole office may share one address: allow more per address. */
export const MAX_FAILURES_PER_IP = 30

const phoneKey = (phone: string) => `phone:${phone}`
const ipKey = (ip: string) => `ip:${ip}`

async function countFailures(db: Db, key: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_failure')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('key', '=', key)
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function isLoginBlocked(db: Db, phone: string, ip: string, now: Date) {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString()
  const [byPhone, byIp] = await Promise.all([
    countFailures(db, phoneKey(phone), since),
    countFailures(db, ipKey(ip), since),
  ])
  return byPhone >= MAX_FAILURES_PER_PHONE || byIp >= MAX_FAILURES_PER_IP
}

export async function recordLoginFailure(db: Db, phone: string, ip: string, now: Date) {
  const failedAt = now.toISOString()
  await db
    .insertInto('login_failure')
    .values([
      { key: phoneKey(phone), failed_at: failedAt },
      { key: ipKey(ip), failed_at: failedAt },
    ])
    .execute()
  // Keep the table small: old rows no longer count for anything.
  await db
    .deleteFrom('login_failure')
    .where('failed_at', '<', new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString())
    .execute()
}

/** A successful login clears the phone's count ("in a row"). */
export async function clearLoginFailures(db: Db, phone: string) {
  await db.deleteFrom('login_failure').where('key', '=', phoneKey(phone)).execute()
}
