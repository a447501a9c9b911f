import type { Kysely } from 'kysely'

/**
 * Import from other channels and the open API (issue #19.3, #19.4):
 * - import_source: a platform whose exports the county imports (12345…),
 *   with its column mapping, saved once;
 * - import_ticket: which report a source's ticket became — the dedupe key,
 *   claimed in the report's own transaction, so a re-import (or two at
 *   once) creates nothing twice;
 * - api_token: service accounts' tokens, stored as SHA-256 hashes, each
 *   scoped to a unit and a role, revocable.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_source')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('county_id', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('columns', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('import_source_county_name', ['county_id', 'name'])
    .execute()
  await db.schema
    .createTable('import_ticket')
    .addColumn('source_id', 'text', (col) => col.notNull())
    .addColumn('ticket', 'text', (col) => col.notNull())
    .addColumn('issue_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('import_ticket_pk', ['source_id', 'ticket'])
    .execute()
  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('source_id', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'text')
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_token').execute()
  await db.schema.dropTable('import_ticket').execute()
  await db.schema.dropTable('import_source').execute()
}
