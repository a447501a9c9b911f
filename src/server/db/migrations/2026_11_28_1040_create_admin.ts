import type { Kysely } from 'kysely'

/**
 * Administration (docs/administration.md): the audit log of every admin
 * change, the temporary-password flag of an account, retired org units
 * (kept, with their history) and the ledger of grid hand-overs.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text', (col) => col.notNull())
    .addColumn('actor_name', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('target_type', 'text', (col) => col.notNull())
    .addColumn('target_id', 'text', (col) => col.notNull())
    // The org path the change concerns: an admin reads the entries of their subtree.
    .addColumn('scope_path', 'text', (col) => col.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute()
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute()
  await db.schema.createIndex('audit_log_target').on('audit_log').column('target_id').execute()
  await db.schema
    .alterTable('app_user')
    .addColumn('must_change_password', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('org_unit').addColumn('retired_at', 'text').execute()
  await db.schema
    .createTable('grid_handover')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('grid_id', 'text', (col) => col.notNull())
    .addColumn('from_user_id', 'text', (col) => col.notNull())
    .addColumn('to_user_id', 'text', (col) => col.notNull())
    .addColumn('by_user_id', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('open_matters', 'integer', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('grid_handover_grid').on('grid_handover').column('grid_id').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('grid_handover').execute()
  await db.schema.alterTable('org_unit').dropColumn('retired_at').execute()
  await db.schema.alterTable('app_user').dropColumn('must_change_password').execute()
  await db.schema.dropTable('audit_log').execute()
}
