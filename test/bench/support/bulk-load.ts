/**
 * Fills the server's sync tables with many memos in bulk SQL, for the
 * "pull at 1,000,000 rows" figures: one `sync_record`, `record_audience`,
 * `change_log` and `change_audience` row per memo, as a push would write them
 * (version 1, audience = home unit). Rows come from `generate_series` on
 * PostgreSQL and a recursive CTE on SQLite, in chunks of one transaction each
 * (so on PostgreSQL the change log holds several txids, as in real life).
 *
 * Memo i gets id 00000000-0000-7000-8000-<i in 12 hex digits> (ids sort in i
 * order, before any real UUIDv7) and home `paths[i % paths.length]`.
 */
import { sql } from 'kysely'
import type { Database } from '#server/db/database.ts'

export interface BulkRange {
  /** First and last memo number, inclusive. */
  from: number
  to: number
  /** Home units, used round-robin. */
  paths: readonly string[]
}

const CREATED_AT = '2026-11-01T08:00:00.000Z'

export const bulkMemoId = (i: number): string =>
  `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`

export async function bulkLoadMemos(
  database: Database,
  range: BulkRange,
  { chunk = 100_000, onChunk }: { chunk?: number; onChunk?: (done: number) => void } = {},
): Promise<void> {
  for (let start = range.from; start <= range.to; start += chunk) {
    const end = Math.min(range.to, start + chunk - 1)
    await loadChunk(database, start, end, range.paths)
    onChunk?.(end - range.from + 1)
  }
}

async function loadChunk(
  database: Database,
  from: number,
  to: number,
  paths: readonly string[],
): Promise<void> {
  const isPostgres = database.dialect === 'postgres'
  // Paths go in as one text parameter; none holds a comma or a quote.
  const pathList = isPostgres ? paths.join(',') : JSON.stringify(paths)
  const count = paths.length
  const series = isPostgres
    ? sql`(select i, '00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0') as id,
             (string_to_array(${pathList}::text, ','))[(1 + i % ${count})::int] as path
           from generate_series(${from}::bigint, ${to}::bigint) as i) s`
    : sql`(select i, '00000000-0000-7000-8000-' || printf('%012x', i) as id,
             json_extract(${pathList}, '$[' || (i % cast(${count} as integer)) || ']') as path
           from series) s`
  const recursive = isPostgres
    ? sql``
    : sql`with recursive series(i) as (select cast(${from} as integer) union all select i + 1 from series where i < cast(${to} as integer)) `
  const data = isPostgres
    ? sql`json_build_object('text', '批量写入的备忘 ' || s.i, 'orgPath', s.path, 'ownerId', 'bench-user',
          'assignedPath', null, 'secret', '13800000000', 'done', false, 'photos', json_build_array())::text`
    : sql`json_object('text', '批量写入的备忘 ' || s.i, 'orgPath', s.path, 'ownerId', 'bench-user',
          'assignedPath', null, 'secret', '13800000000', 'done', json('false'), 'photos', json('[]'))`

  await database.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('change_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst()
    const seqBefore = Number(before?.seq ?? 0)
    await sql`${recursive}insert into sync_record (key, kind, id, version, org_path, data, created_at, updated_at)
      select 'memo:' || s.id, 'memo', s.id, 1, s.path, ${data}, ${CREATED_AT}, ${CREATED_AT} from ${series}`.execute(
      trx,
    )
    await sql`insert into record_audience (record_key, path)
      select key, org_path from sync_record where key between ${`memo:${bulkMemoId(from)}`} and ${`memo:${bulkMemoId(to)}`}`.execute(
      trx,
    )
    // In memo order: seq (and on PostgreSQL txid, by default) as a push would make them.
    await sql`${recursive}insert into change_log (record_key, created_at)
      select 'memo:' || s.id, ${CREATED_AT} from ${series} order by s.i`.execute(trx)
    await sql`insert into change_audience (seq, path)
      select c.seq, r.org_path from change_log c join sync_record r on r.key = c.record_key
      where c.seq > ${seqBefore}`.execute(trx)
  })
}

/** Fresh planner statistics on PostgreSQL, as autovacuum would gather after a big load. */
export async function analyzeSyncTables(database: Database): Promise<void> {
  if (database.dialect !== 'postgres') return
  await sql`analyze sync_record, record_audience, change_log, change_audience`.execute(database.db)
}
