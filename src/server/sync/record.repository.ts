/**
 * Synced records, their audiences and the change log. Plain functions of
 * (db | trx): the push handler owns the transaction.
 */
import { sql, type Kysely, type Selectable } from 'kysely'
import type { z } from 'zod'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import { downwardAudiencesAbove } from '#shared/org/org-path.ts'
import { saveFact } from '../supervision/facts.ts'
import type { SyncRecordTable } from './sync.table.ts'

type Db = Kysely<DatabaseSchema>
export type RecordRow = Selectable<SyncRecordTable>

export const recordKey = (kind: string, id: string): string => `${kind}:${id}`

/**
 * SQL for "audience path `column` reaches a viewer scoped at `scope`": it lies
 * under the scope, or it is the downward mark of a unit above it (the same
 * rule as `audienceReaches` in plugins/scope.ts). The ancestors are at most
 * three, so the second test is an indexed IN list.
 */
export function reaches(column: string, scope: string) {
  const above = downwardAudiencesAbove(scope)
  const under = sql<boolean>`${sql.ref(column)} like ${`${scope}%`}`
  return above.length === 0
    ? under
    : sql<boolean>`(${under} or ${sql.ref(column)} in (${sql.join(above)}))`
}

/** SQL for "some audience path of record `key` reaches `scope`" (see plugins/scope.ts). */
export function inScope(keyColumn: string, scope: string) {
  return sql<boolean>`exists (select 1 from record_audience a where a.record_key = ${sql.ref(keyColumn)} and ${reaches('a.path', scope)})`
}

/**
 * Loads a record. On PostgreSQL (SQLite has one writer) `lock` takes a row
 * lock until the transaction ends: `update` for the record a mutation
 * changes, so concurrent mutations of one record apply one after the other;
 * `share` for a record another mutation relies on (a reference), so a change
 * of it waits for the mutation that relied on it and the other way round.
 */
export async function findRecord(
  db: Db,
  dialect: DialectName,
  key: string,
  { lock }: { lock?: 'update' | 'share' } = {},
): Promise<RecordRow | undefined> {
  const query = db.selectFrom('sync_record').selectAll().where('key', '=', key)
  if (dialect !== 'postgres' || lock === undefined) return query.executeTakeFirst()
  return (lock === 'update' ? query.forUpdate() : query.forShare()).executeTakeFirst()
}

/** A record id as the sync protocol accepts it (a UUID): anything else names no record. */
const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The data of record `id` of `kind` as the server holds it (before any
 * viewer's projection), parsed by the kind's `schema`; null when there is
 * none, also for an id that cannot be one.
 */
export async function findRecordData<T>(
  db: Db,
  dialect: DialectName,
  kind: string,
  id: string,
  schema: z.ZodType<T>,
): Promise<T | null> {
  if (!RECORD_ID.test(id)) return null
  const row = await findRecord(db, dialect, recordKey(kind, id))
  return row ? schema.parse(JSON.parse(row.data)) : null
}

/**
 * Every record of `kind` whose data names record `id` in `field` (a form's
 * campaign, an opinion's consultation), parsed by `schema`. Records hold JSON
 * text; the id is a UUID (no LIKE wildcards), and records are narrowed by
 * kind first (index on kind). TODO(#7): a column if one record gathers tens
 * of thousands of others.
 */
export async function findRecordsNaming<T>(
  db: Db,
  kind: string,
  field: string,
  id: string,
  schema: z.ZodType<T>,
): Promise<{ id: string; data: T }[]> {
  if (!RECORD_ID.test(id)) return []
  const rows = await db
    .selectFrom('sync_record')
    .select(['id', 'data'])
    .where('kind', '=', kind)
    .where('data', 'like', `%"${field}":"${id}"%`)
    .execute()
  return rows.map((row) => ({ id: row.id, data: schema.parse(JSON.parse(row.data)) }))
}

/**
 * PostgreSQL: locks the existing records among `keys` in key order, so that
 * batches touching the same records take their locks in one order and queue
 * rather than deadlock. (SQLite has one writer; not called there.)
 */
export async function lockRecords(db: Db, keys: readonly string[]): Promise<void> {
  const unique = [...new Set(keys)].sort()
  if (unique.length === 0) return
  await db
    .selectFrom('sync_record')
    .select('key')
    .where('key', 'in', unique)
    .orderBy('key')
    .forUpdate()
    .execute()
}

export async function findAudience(db: Db, key: string): Promise<string[]> {
  const rows = await db
    .selectFrom('record_audience')
    .select('path')
    .where('record_key', '=', key)
    .execute()
  return rows.map((row) => row.path)
}

/** Audiences of many records at once, by key. */
export async function findAudiences(
  db: Db,
  keys: readonly string[],
): Promise<Map<string, string[]>> {
  const byKey = new Map<string, string[]>()
  if (keys.length === 0) return byKey
  const rows = await db
    .selectFrom('record_audience')
    .select(['record_key', 'path'])
    .where('record_key', 'in', keys)
    .execute()
  for (const row of rows)
    byKey.set(row.record_key, [...(byKey.get(row.record_key) ?? []), row.path])
  return byKey
}

export async function findRecords(db: Db, keys: readonly string[]): Promise<RecordRow[]> {
  if (keys.length === 0) return []
  return db.selectFrom('sync_record').selectAll().where('key', 'in', keys).execute()
}

/** Writes the new state of a record, its audience, its attachments and one change-log entry. */
export async function saveRecord(
  db: Db,
  row: RecordRow,
  {
    isNew,
    audience,
    previousAudience,
    attachments,
    linkedBy = null,
  }: {
    isNew: boolean
    audience: readonly string[]
    previousAudience: readonly string[]
    attachments: readonly string[]
    /** Who lists the attachments new to the record (see blob.repository.ts). */
    linkedBy?: string | null
  },
): Promise<void> {
  if (isNew) await db.insertInto('sync_record').values(row).execute()
  else {
    await db
      .updateTable('sync_record')
      .set({
        version: row.version,
        org_path: row.org_path,
        data: row.data,
        updated_at: row.updated_at,
      })
      .where('key', '=', row.key)
      .execute()
  }
  const audienceChanged =
    isNew ||
    audience.length !== previousAudience.length ||
    audience.some((path) => !previousAudience.includes(path))
  if (audienceChanged) {
    if (!isNew) await db.deleteFrom('record_audience').where('record_key', '=', row.key).execute()
    await db
      .insertInto('record_audience')
      .values([...new Set(audience)].map((path) => ({ record_key: row.key, path })))
      .execute()
  }
  await saveLinks(db, row.key, isNew, new Set(attachments), linkedBy)
  // The supervision figures' projection changes with the record, in its transaction.
  await saveFact(db, row.kind, row.key, JSON.parse(row.data) as Record<string, unknown>)
  // Everyone who could see the record before or after hears of the change:
  // those who lost sight of it get a removal on their next pull.
  const { seq } = await db
    .insertInto('change_log')
    .values({ record_key: row.key, created_at: row.updated_at })
    .returning('seq')
    .executeTakeFirstOrThrow()
  const heard = [...new Set([...previousAudience, ...audience])]
  await db
    .insertInto('change_audience')
    .values(heard.map((path) => ({ seq: Number(seq), path })))
    .execute()
}

/**
 * Keeps the links a record still lists as they were (who linked them, and
 * whether the bytes were there then), drops those it no longer lists, and
 * adds the new ones, each marked pending when its bytes are not uploaded yet.
 */
async function saveLinks(
  db: Db,
  key: string,
  isNew: boolean,
  attachments: ReadonlySet<string>,
  linkedBy: string | null,
): Promise<void> {
  let added = [...attachments]
  if (!isNew) {
    const linked = (
      await db.selectFrom('record_blob').select('sha256').where('record_key', '=', key).execute()
    ).map((link) => link.sha256)
    const dropped = linked.filter((sha256) => !attachments.has(sha256))
    if (dropped.length > 0) {
      await db
        .deleteFrom('record_blob')
        .where('record_key', '=', key)
        .where('sha256', 'in', dropped)
        .execute()
    }
    added = added.filter((sha256) => !linked.includes(sha256))
  }
  if (added.length === 0) return
  const stored = new Set(
    (await db.selectFrom('blob').select('sha256').where('sha256', 'in', added).execute()).map(
      (blob) => blob.sha256,
    ),
  )
  await db
    .insertInto('record_blob')
    .values(
      added.map((sha256) => ({
        record_key: key,
        sha256,
        linked_by: linkedBy,
        pending: stored.has(sha256) ? 0 : 1,
      })),
    )
    .execute()
}

/** A position in the change log: rows after (txid, seq) are still to be read. */
export interface LogPosition {
  txid: number
  seq: number
}

/**
 * Where a first sync should start reading the log once it has copied the
 * records: every change before this position is already in the records.
 * On PostgreSQL that is "every transaction older than the oldest one still
 * running" (later ones may commit after we read the records).
 */
export async function logStartPosition(db: Db, dialect: DialectName): Promise<LogPosition> {
  if (dialect === 'postgres') {
    const { rows } = await sql<{
      xmin: string
    }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(db)
    return { txid: Number(rows[0]?.xmin ?? 0) - 1, seq: Number.MAX_SAFE_INTEGER }
  }
  const row = await db
    .selectFrom('change_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  return { txid: 0, seq: Number(row?.seq ?? 0) }
}

/**
 * Change-log entries after `from` that someone in `scope` could hear of, in
 * commit-safe order. On PostgreSQL only transactions older than every running
 * one are read: a change whose transaction commits late can never fall
 * behind a cursor (the sequence-gap race). SQLite has one writer at a time
 * and txid is always 0 there, so it reads by seq alone (its primary key:
 * a row-value test on (txid, seq) would make SQLite walk the whole index).
 */
export async function readLog(
  db: Db,
  dialect: DialectName,
  scope: string,
  from: LogPosition,
  limit: number,
): Promise<Array<{ txid: number; seq: number; record_key: string }>> {
  let query = db
    .selectFrom('change_log as c')
    .select(['c.txid', 'c.seq', 'c.record_key'])
    .where(
      sql<boolean>`exists (select 1 from change_audience ca where ca.seq = c.seq and ${reaches('ca.path', scope)})`,
    )
  query =
    dialect === 'postgres'
      ? query
          .where(sql<boolean>`(c.txid, c.seq) > (${from.txid}, ${from.seq})`)
          .where(sql<boolean>`c.txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`)
          .orderBy('c.txid')
          .orderBy('c.seq')
      : query.where('c.seq', '>', from.seq).orderBy('c.seq')
  const rows = await query.limit(limit).execute()
  return rows.map((row) => ({
    txid: Number(row.txid),
    seq: Number(row.seq),
    record_key: row.record_key,
  }))
}

/**
 * The last log position that is settled now: every change at or before it
 * has committed and is visible. A pull that found nothing more for its user
 * may move the cursor here, so a quiet unit's next pull does not re-walk what
 * other units wrote meanwhile. Read it BEFORE reading the log page.
 */
export async function settledLogPosition(
  db: Db,
  dialect: DialectName,
): Promise<LogPosition | null> {
  if (dialect === 'postgres') {
    const row = await db
      .selectFrom('change_log')
      .select(['txid', 'seq'])
      .where(sql<boolean>`txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`)
      .orderBy('txid', 'desc')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row ? { txid: Number(row.txid), seq: Number(row.seq) } : null
  }
  const row = await db
    .selectFrom('change_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  return row?.seq == null ? null : { txid: 0, seq: Number(row.seq) }
}

/** Orders log positions as the log does: by txid, then seq. */
export function laterPosition(a: LogPosition, b: LogPosition | null): LogPosition {
  if (!b) return a
  return b.txid > a.txid || (b.txid === a.txid && b.seq > a.seq) ? b : a
}

/** Records in `scope` with key after `after`, by key: the pages of a first sync. */
export async function readSnapshot(
  db: Db,
  scope: string,
  after: string,
  limit: number,
): Promise<RecordRow[]> {
  return db
    .selectFrom('sync_record as r')
    .selectAll()
    .where('r.key', '>', after)
    .where(inScope('r.key', scope))
    .orderBy('r.key')
    .limit(limit)
    .execute()
}

export async function countInScope(db: Db, scope: string): Promise<number> {
  const row = await db
    .selectFrom('sync_record as r')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(inScope('r.key', scope))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
