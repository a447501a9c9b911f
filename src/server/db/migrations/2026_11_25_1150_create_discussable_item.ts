import type { Kysely } from 'kysely'

/**
 * The townships' discussable-items lists (议事清单). Reference data each
 * township edits online; devices keep a copy for capture offline.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('discussable_item')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('township_id', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('verdict', 'text', (col) => col.notNull())
    .addColumn('basis', 'text')
    /** JSON arrays of strings. */
    .addColumn('keywords', 'text', (col) => col.notNull())
    .addColumn('tags', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by_name', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('discussable_item_township_idx')
    .on('discussable_item')
    .columns(['township_id', 'title'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('discussable_item').execute()
}
