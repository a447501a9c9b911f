import type { Kysely } from 'kysely'

/**
 * The tracking codes of issue reports (回执查询码), for the public lookup
 * (src/server/issue/report-tracking.repository.ts): a code's SHA-256 next
 * to the report it finds. The hash also sits in the report's stored data
 * (every viewer's projection drops it); this table is its index, filled in
 * the report's own transaction. The code itself is never on the server.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('issue_tracking')
    .addColumn('code_hash', 'text', (col) => col.primaryKey())
    .addColumn('issue_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('issue_tracking').execute()
}
