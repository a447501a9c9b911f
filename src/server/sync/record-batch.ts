/**
 * `saveRecord` for many new records at once (push-batch.ts): the same rows
 * — record, audience, attachment links, supervision facts, one change-log
 * entry each with who hears of it — written with a few multi-row
 * statements per batch instead of seven or more per record. Only for
 * records that do not exist yet.
 */
import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { saveFacts } from '../supervision/facts.ts'
import type { RecordRow } from './record.repository.ts'

type Db = Kysely<DatabaseSchema>

/** A new record and what comes with it. */
export interface NewRecord {
  row: RecordRow
  audience: readonly string[]
  attachments: readonly string[]
}

/** Rows per statement: far below both dialects' parameter limits (8 columns at most here). */
const ROWS_PER_INSERT = 500

/** Runs `insert` over `rows` in chunks of ROWS_PER_INSERT. */
export async function insertChunked<T>(
  rows: readonly T[],
  insert: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
    await insert(rows.slice(at, at + ROWS_PER_INSERT))
  }
}

/** Writes new records as `saveRecord` would, one after the other, in the caller's transaction. */
export async function saveNewRecords(
  db: Db,
  records: readonly NewRecord[],
  linkedBy: string | null,
): Promise<void> {
  if (records.length === 0) return
  await insertChunked(records, (chunk) =>
    db
      .insertInto('sync_record')
      .values(chunk.map((record) => record.row))
      .execute(),
  )
  const audiences = records.flatMap(({ row, audience }) =>
    [...new Set(audience)].map((path) => ({ record_key: row.key, path })),
  )
  await insertChunked(audiences, (chunk) =>
    db.insertInto('record_audience').values(chunk).execute(),
  )
  await linkAttachments(db, records, linkedBy)
  await saveFacts(
    db,
    records.map(({ row }) => ({
      kind: row.kind,
      key: row.key,
      data: JSON.parse(row.data) as Record<string, unknown>,
    })),
  )
  const seqOf = new Map<string, number>()
  await insertChunked(records, async (chunk) => {
    const logged = await db
      .insertInto('change_log')
      .values(chunk.map(({ row }) => ({ record_key: row.key, created_at: row.updated_at })))
      .returning(['seq', 'record_key'])
      .execute()
    for (const entry of logged) seqOf.set(entry.record_key, Number(entry.seq))
  })
  const heard = records.flatMap(({ row, audience }) =>
    [...new Set(audience)].map((path) => ({ seq: seqOf.get(row.key) ?? 0, path })),
  )
  await insertChunked(heard, (chunk) => db.insertInto('change_audience').values(chunk).execute())
}

/** The new records' attachment links, each pending while its bytes are not uploaded. */
async function linkAttachments(
  db: Db,
  records: readonly NewRecord[],
  linkedBy: string | null,
): Promise<void> {
  const links = records.flatMap(({ row, attachments }) =>
    [...new Set(attachments)].map((sha256) => ({ record_key: row.key, sha256 })),
  )
  if (links.length === 0) return
  const stored = new Set<string>()
  await insertChunked([...new Set(links.map((link) => link.sha256))], async (hashes) => {
    const rows = await db
      .selectFrom('blob')
      .select('sha256')
      .where('sha256', 'in', hashes)
      .execute()
    for (const blob of rows) stored.add(blob.sha256)
  })
  await insertChunked(links, (chunk) =>
    db
      .insertInto('record_blob')
      .values(
        chunk.map((link) => ({
          ...link,
          linked_by: linkedBy,
          pending: stored.has(link.sha256) ? 0 : 1,
        })),
      )
      .execute(),
  )
}
