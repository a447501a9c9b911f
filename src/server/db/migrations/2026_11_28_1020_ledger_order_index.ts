import type { Kysely } from 'kysely'

/**
 * The ledgers (src/server/ledger) read a kind's records page by page in
 * registration order, or grouped by place when split into one sheet per
 * township or village; these indexes keep each page a range scan instead of
 * a sort of the whole kind (100,000 reports: docs/ledgers.md).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('sync_record_ledger_idx')
    .on('sync_record')
    .columns(['kind', 'created_at', 'key'])
    .execute()
  await db.schema
    .createIndex('sync_record_ledger_place_idx')
    .on('sync_record')
    .columns(['kind', 'org_path', 'created_at', 'key'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sync_record_ledger_place_idx').execute()
  await db.schema.dropIndex('sync_record_ledger_idx').execute()
}
