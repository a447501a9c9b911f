import type { Kysely } from 'kysely'

/**
 * Photos may be listed only by someone entitled to them (docs/sync.md,
 * "Photos"): each link remembers who made it and whether the bytes were on
 * the server then. A link made before the upload (`pending`) lets readers
 * of the record see the photo only once its linker has uploaded the bytes
 * too. Links from before this migration keep working as they did.
 *
 * `blob_upload_quota` holds each user's bytes uploaded per China day,
 * reserved atomically before a new blob is stored.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('record_blob').addColumn('linked_by', 'text').execute()
  await db.schema
    .alterTable('record_blob')
    .addColumn('pending', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createTable('blob_upload_quota')
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('bytes', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('blob_upload_quota_pk', ['user_id', 'day'])
    .execute()
  // The garbage collector looks for old blobs.
  await db.schema.createIndex('blob_created_at_idx').on('blob').column('created_at').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('blob_created_at_idx').execute()
  await db.schema.dropTable('blob_upload_quota').execute()
  await db.schema.alterTable('record_blob').dropColumn('pending').execute()
  await db.schema.alterTable('record_blob').dropColumn('linked_by').execute()
}
