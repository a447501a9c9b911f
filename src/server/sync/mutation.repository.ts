/** The memory of every mutation received: what makes a push idempotent. */
import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { SyncMutationTable } from './sync.table.ts'

type Db = Kysely<DatabaseSchema>
export type MutationRow = Selectable<SyncMutationTable>

export async function findMutation(db: Db, id: string): Promise<MutationRow | undefined> {
  return db.selectFrom('sync_mutation').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Records the outcome; a unique violation here means a twin delivery got there first. */
export async function insertMutation(db: Db, row: MutationRow): Promise<void> {
  await db.insertInto('sync_mutation').values(row).execute()
}

/**
 * The server's epoch: a random id made once per database. A device that sees
 * it change (the database was restored or replaced) drops its synced copy and
 * pulls again, keeping its outbox.
 */
export async function serverEpoch(db: Db): Promise<string> {
  const existing = await db
    .selectFrom('sync_meta')
    .select('value')
    .where('key', '=', 'epoch')
    .executeTakeFirst()
  if (existing) return existing.value
  await db
    .insertInto('sync_meta')
    .values({ key: 'epoch', value: randomUUID() })
    .onConflict((oc) => oc.doNothing())
    .execute()
  const row = await db
    .selectFrom('sync_meta')
    .select('value')
    .where('key', '=', 'epoch')
    .executeTakeFirstOrThrow()
  return row.value
}
