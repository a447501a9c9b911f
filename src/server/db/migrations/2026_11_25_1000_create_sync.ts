import { sql, type Kysely } from 'kysely'

/**
 * The sync engine's tables. `change_log.txid` is the writing transaction's id
 * on PostgreSQL (pg_current_xact_id), 0 on SQLite: pulls order by
 * (txid, seq) and never read past the oldest running transaction, so a
 * change that commits late is never skipped (docs/sync.md, "the cursor").
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter.constructor.name === 'PostgresAdapter'

  await db.schema
    .createTable('sync_meta')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('sync_record')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('org_path', 'text', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('sync_record_kind_idx')
    .on('sync_record')
    .columns(['kind', 'updated_at'])
    .execute()

  await db.schema
    .createTable('record_audience')
    .addColumn('record_key', 'text', (col) => col.notNull())
    .addColumn('path', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('record_audience_pk', ['record_key', 'path'])
    .execute()
  await db.schema
    .createIndex('record_audience_path_idx')
    .on('record_audience')
    .columns(['path', 'record_key'])
    .execute()

  await db.schema
    .createTable('change_log')
    .addColumn('seq', isPostgres ? 'bigserial' : 'integer', (col) =>
      isPostgres ? col.primaryKey() : col.primaryKey().autoIncrement(),
    )
    .addColumn('txid', 'bigint', (col) =>
      col.notNull().defaultTo(isPostgres ? sql`(pg_current_xact_id()::text::bigint)` : 0),
    )
    .addColumn('record_key', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('change_log_cursor_idx')
    .on('change_log')
    .columns(['txid', 'seq'])
    .execute()

  await db.schema
    .createTable('change_audience')
    .addColumn('seq', 'bigint', (col) => col.notNull())
    .addColumn('path', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('change_audience_pk', ['seq', 'path'])
    .execute()

  await db.schema
    .createTable('sync_mutation')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('device_id', 'text', (col) => col.notNull())
    .addColumn('record_key', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('code', 'text')
    .addColumn('message', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('blob')
    .addColumn('sha256', 'text', (col) => col.primaryKey())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('data', isPostgres ? 'bytea' : 'blob', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('record_blob')
    .addColumn('record_key', 'text', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('record_blob_pk', ['record_key', 'sha256'])
    .execute()
  await db.schema.createIndex('record_blob_sha_idx').on('record_blob').column('sha256').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'record_blob',
    'blob',
    'sync_mutation',
    'change_audience',
    'change_log',
    'record_audience',
    'sync_record',
    'sync_meta',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
