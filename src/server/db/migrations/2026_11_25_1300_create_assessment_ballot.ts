import type { Kysely } from 'kysely'

/**
 * One-time ballot codes for self-service assessment forms (only their hashes)
 * and the attempts of the public ballot route, counted per client address
 * like login failures (docs/assessment.md, "ballot stuffing").
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ballot_code')
    .addColumn('code_hash', 'text', (col) => col.primaryKey())
    .addColumn('campaign_id', 'text', (col) => col.notNull())
    .addColumn('batch_id', 'text', (col) => col.notNull())
    .addColumn('issued_by', 'text', (col) => col.notNull())
    .addColumn('issued_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .addColumn('form_id', 'text')
    .execute()
  await db.schema
    .createIndex('ballot_code_campaign_idx')
    .on('ballot_code')
    .columns(['campaign_id', 'used_at'])
    .execute()

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
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_attempt').execute()
  await db.schema.dropTable('ballot_code').execute()
}
