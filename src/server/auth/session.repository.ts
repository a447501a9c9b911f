/**
 * Sessions: opaque random tokens handed to the browser in an httpOnly cookie;
 * only their sha-256 is stored, so a database leak yields no usable token.
 * Sessions live in the database so every server process sees the same ones
 * and a revocation takes effect everywhere at once.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/database-schema.ts'

type Db = Kysely<DatabaseSchema>

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Creates a session and returns the token to give to the client. */
export async function createSession(
  db: Db,
  userId: string,
  now: Date,
  days: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db
    .insertInto('session')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + days * 86_400_000).toISOString(),
      revoked_at: null,
    })
    .execute()
  return token
}

/** The user id of a live session, or undefined when unknown, expired or revoked. */
export async function findSessionUserId(
  db: Db,
  token: string,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('session')
    .select('user_id')
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst()
  return row?.user_id
}

/**
 * The user a session belonged to, live or ended: lets the server tell the
 * holder of a once-valid session (who proved the password) that the account
 * was disabled, rather than only that the session ended.
 */
export async function findSessionOwnerId(db: Db, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('session')
    .select('user_id')
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst()
  return row?.user_id
}

export async function revokeSession(db: Db, token: string, now: Date): Promise<void> {
  await db
    .updateTable('session')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .execute()
}

/**
 * Ends every live session of a user except `keepToken`'s (the one changing
 * its own password stays signed in); returns how many were ended.
 */
export async function revokeUserSessions(
  db: Db,
  userId: string,
  now: Date,
  keepToken?: string,
): Promise<number> {
  let query = db
    .updateTable('session')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
  if (keepToken) query = query.where('token_hash', '!=', hashToken(keepToken))
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** How long an ended session is kept (for audits of who was signed in when). */
const ENDED_SESSION_KEEP_DAYS = 30

/**
 * Deletes sessions that ended (expired or revoked) more than 30 days ago, so
 * the table does not grow forever; run at each login (cheap: the ended rows
 * of a county are few thousand a month).
 */
export async function pruneSessions(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - ENDED_SESSION_KEEP_DAYS * 86_400_000).toISOString()
  const result = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
