/** The townships' discussable-items lists: plain functions of the database. */
import type { Kysely, Selectable } from 'kysely'
import {
  discussableItemSchema,
  type DiscussableItem,
} from '#shared/discussable/discussable-list.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DiscussableItemTable } from './discussable.table.ts'

type Db = Kysely<DatabaseSchema>

function toItem(row: Selectable<DiscussableItemTable>): DiscussableItem {
  return discussableItemSchema.parse({
    id: row.id,
    townshipId: row.township_id,
    title: row.title,
    verdict: row.verdict,
    basis: row.basis,
    keywords: JSON.parse(row.keywords),
    tags: JSON.parse(row.tags),
    note: row.note,
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
  })
}

function toRow(item: DiscussableItem): Selectable<DiscussableItemTable> {
  return {
    id: item.id,
    township_id: item.townshipId,
    title: item.title,
    verdict: item.verdict,
    basis: item.basis,
    keywords: JSON.stringify(item.keywords),
    tags: JSON.stringify(item.tags),
    note: item.note,
    updated_at: item.updatedAt,
    updated_by_name: item.updatedByName,
  }
}

export async function listItems(db: Db, townshipId: string): Promise<DiscussableItem[]> {
  const rows = await db
    .selectFrom('discussable_item')
    .selectAll()
    .where('township_id', '=', townshipId)
    .orderBy('verdict')
    .orderBy('title')
    .execute()
  return rows.map(toItem)
}

export async function findItem(db: Db, id: string): Promise<DiscussableItem | undefined> {
  const row = await db
    .selectFrom('discussable_item')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row && toItem(row)
}

/** Inserts an item; with `ifAbsent`, an item of the same id is left as it is (seeding). */
export async function insertItem(
  db: Db,
  item: DiscussableItem,
  { ifAbsent = false } = {},
): Promise<void> {
  const insert = db.insertInto('discussable_item').values(toRow(item))
  await (ifAbsent ? insert.onConflict((oc) => oc.column('id').doNothing()) : insert).execute()
}

export async function updateItem(db: Db, item: DiscussableItem): Promise<void> {
  const row = toRow(item)
  await db
    .updateTable('discussable_item')
    .set({ ...row, id: item.id })
    .where('id', '=', item.id)
    .execute()
}

export async function deleteItem(db: Db, id: string): Promise<void> {
  await db.deleteFrom('discussable_item').where('id', '=', id).execute()
}
