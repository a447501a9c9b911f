import type { Kysely } from 'kysely'

/**
 * County settings (issue #20.4): one row per saved version of the whole
 * settings table, never updated or deleted, so the history is the table.
 * The version is the key: two staff saving from the same version race for
 * the same key and the second gets a conflict instead of a silent overwrite.
 * No row means the initial values (environment and defaults), version 0.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('county_setting')
    .addColumn('version', 'integer', (col) => col.primaryKey())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('changed_at', 'text', (col) => col.notNull())
    .addColumn('changed_by_id', 'text', (col) => col.notNull())
    .addColumn('changed_by_name', 'text', (col) => col.notNull())
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('county_setting').execute()
}
