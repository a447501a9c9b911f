import type { Kysely } from 'kysely'

/**
 * Who uploaded which photo. The same bytes may be uploaded by several people
 * (a photo forwarded between phones); each of them may read it back before
 * any record refers to it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('blob_upload')
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('blob_upload_pk', ['sha256', 'user_id'])
    .execute()
  await db
    .insertInto('blob_upload')
    .columns(['sha256', 'user_id', 'created_at'])
    .expression(db.selectFrom('blob').select(['sha256', 'created_by', 'created_at']))
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('blob_upload').execute()
}
