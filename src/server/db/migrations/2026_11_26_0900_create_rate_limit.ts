import type { Kysely } from 'kysely'

/**
 * One table of attempt counters for every rate limit, reserved atomically
 * before the check they guard (src/server/rate-limit/rate-limit.repository.ts),
 * instead of the failure logs `login_failure` and `public_attempt`, which were
 * counted before the check and written after it, so a parallel burst passed.
 * Their rows only matter for 15 minutes, so they are dropped, not copied.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('window_ends_at', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('rate_limit_window_idx')
    .on('rate_limit')
    .column('window_ends_at')
    .execute()
  await db.schema.dropTable('login_failure').execute()
  await db.schema.dropTable('public_attempt').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_attempt')
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('attempted_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('public_attempt_key_idx')
    .on('public_attempt')
    .columns(['key', 'attempted_at'])
    .execute()
  await db.schema
    .createTable('login_failure')
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('failed_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('login_failure_key_idx')
    .on('login_failure')
    .columns(['key', 'failed_at'])
    .execute()
  await db.schema.dropTable('rate_limit').execute()
}
