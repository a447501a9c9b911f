import type { Kysely } from 'kysely'

/**
 * The tracking codes of opinions sent from the public consultation page
 * (src/server/consultation/public.repository.ts): only a code's SHA-256 is
 * stored, next to the opinion it finds, on the server alone (never in the
 * synced record, so no device holds even the hash). Named after the last
 * migration on main, not the wall clock, so that it sorts after it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opinion_tracking')
    .addColumn('code_hash', 'text', (col) => col.primaryKey())
    .addColumn('opinion_id', 'text', (col) => col.notNull())
    .addColumn('consultation_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('opinion_tracking').execute()
}
