/** The demo county's accounts, written once each; README lists them. */
import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DemoAccount } from '../org/demo-county.seed.ts'
import { findUserByPhone, insertUser } from '../org/org.repository.ts'
import { hashPassword } from './password.ts'

/** Every demo account shares this password; README lists the accounts. */
export const DEMO_PASSWORD = 'Shuoshi2026'

/** The user id of a demo account (fixed, so other demo records can point at it). */
export function demoUserId(phone: string): string {
  return `demo-user-${phone}`
}

/**
 * Writes the demo accounts that do not exist yet; an existing one (same
 * phone) is left as it is. Returns how many it added.
 */
export async function seedDemoAccounts(
  db: Kysely<DatabaseSchema>,
  accounts: readonly DemoAccount[],
  now: string,
): Promise<number> {
  let added = 0
  // One hash for all demo accounts: they share a published password anyway,
  // and hashing once per account would slow every test that seeds a database.
  let passwordHash: string | undefined
  for (const account of accounts) {
    if (await findUserByPhone(db, account.phone)) continue
    passwordHash ??= await hashPassword(DEMO_PASSWORD)
    // Two servers seeding one empty database at once: the unique index decides.
    added += await insertUser(
      db,
      { id: demoUserId(account.phone), ...account, passwordHash },
      now,
      {
        ifAbsent: true,
      },
    )
  }
  return added
}
