import type { Kysely } from 'kysely'

/**
 * Hand-over files (issue #21.3, docs/field.md): a change a colleague sends
 * for its author keeps the author here, beside `user_id` (the sender, who is
 * the actor). Null for every change sent by its own author, including all
 * rows before this migration.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_mutation').addColumn('handed_over_from', 'text').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_mutation').dropColumn('handed_over_from').execute()
}
