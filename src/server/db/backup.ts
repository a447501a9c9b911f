/**
 * Logical backups: every table's rows as gzip'd JSON lines, read in one
 * consistent snapshot while the server keeps serving, and restored into an
 * empty database of either dialect (a SQLite backup restores into
 * PostgreSQL and back). Plain Kysely, so it needs no pg_dump or sqlite3 on
 * the machine. docs/operations.md says how to run it; docs/sync.md what
 * devices do after a restore.
 *
 * Format (version 1): a header line
 *   {"format":"shuoshi-backup","version":1,"createdAt","dialect","migrations":[…]}
 * then one line per row, {"t":"<table>","r":{column: value}}, tables in
 * restore order; bytes are {"$base64":"…"}. A last line {"end":true,"rows":n}
 * proves the file is complete.
 */
import { randomUUID } from 'node:crypto'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { sql, type Kysely, type TableMetadata } from 'kysely'
import type { Database } from './database.ts'
import type { DatabaseSchema } from './database-schema.ts'
import { MIGRATION_NAMES, migrateTo, migrateToLatest } from './migrate.ts'

const FORMAT = 'shuoshi-backup'
const VERSION = 1
const PAGE = 500

/** Tables others refer to by foreign key come first; the rest follow by name. */
const PARENTS_FIRST = ['org_unit', 'app_user']

/**
 * Unique columns to page through a table in order. Tables not listed are
 * paged by all their columns (they have no NULLs, and a row repeated whole
 * carries nothing the first copy does not).
 */
const PAGE_KEYS: Record<string, string[]> = {
  // Parents before children: a unit's path is longer than its parent's.
  org_unit: ['path'],
  app_user: ['id'],
  session: ['token_hash'],
  sync_meta: ['key'],
  sync_record: ['key'],
  change_log: ['seq'],
  sync_mutation: ['id'],
  blob: ['sha256'],
  ballot_code: ['code_hash'],
  opinion_tracking: ['code_hash'],
  issue_tracking: ['code_hash'],
  discussable_item: ['id'],
  county_setting: ['version'],
  audit_log: ['id'],
  grid_handover: ['id'],
}

type Db = Kysely<DatabaseSchema>
type Row = Record<string, unknown>

export interface BackupHeader {
  format: typeof FORMAT
  version: number
  createdAt: string
  dialect: string
  migrations: string[]
}

/** Thrown when a backup cannot be restored here; nothing has been written. */
export class RestoreRefused extends Error {}

/** The tables to back up, in restore order, with their columns. */
async function tablesOf(db: Db): Promise<TableMetadata[]> {
  const tables = (await db.introspection.getTables()).filter((table) => !table.isView)
  const rank = (name: string) => {
    const index = PARENTS_FIRST.indexOf(name)
    return index === -1 ? PARENTS_FIRST.length : index
  }
  return tables.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))
}

/**
 * Writes a backup of `database` to `out` and returns the number of rows.
 * Reads in one transaction (REPEATABLE READ on PostgreSQL; on SQLite a read
 * transaction on its own connection sees one WAL snapshot), so a backup
 * taken while devices push is a state the database really was in.
 */
export async function writeBackup(database: Database, out: Writable): Promise<number> {
  const write = (line: unknown) =>
    new Promise<void>((resolve, reject) => {
      out.write(`${JSON.stringify(line)}\n`, (error) => (error ? reject(error) : resolve()))
    })
  const run = <T>(work: (trx: Db) => Promise<T>) =>
    database.dialect === 'postgres'
      ? database.db.transaction().setIsolationLevel('repeatable read').execute(work)
      : database.db.transaction().execute(work)
  const rows = await run(async (trx) => {
    const migrations = await sql<{
      name: string
    }>`select name from kysely_migration order by name`.execute(trx)
    const header: BackupHeader = {
      format: FORMAT,
      version: VERSION,
      createdAt: new Date().toISOString(),
      dialect: database.dialect,
      migrations: migrations.rows.map((row) => row.name),
    }
    await write(header)
    let count = 0
    for (const table of await tablesOf(trx)) {
      const keys = (PAGE_KEYS[table.name] ?? table.columns.map((column) => column.name)).map(
        (key) => sql.ref(key),
      )
      let after: unknown[] | null = null
      for (;;) {
        const page: Row[] = (
          await sql<Row>`select * from ${sql.table(table.name)}
            ${after ? sql`where (${sql.join(keys)}) > (${sql.join(after)})` : sql``}
            order by ${sql.join(keys)} limit ${PAGE}`.execute(trx)
        ).rows
        for (const row of page) await write({ t: table.name, r: encodeRow(row) })
        count += page.length
        const last = page.at(-1)
        if (!last || page.length < PAGE) break
        after = (PAGE_KEYS[table.name] ?? table.columns.map((column) => column.name)).map(
          (key) => last[key],
        )
      }
    }
    return count
  })
  await write({ end: true, rows })
  return rows
}

/** Bytes (blob / bytea) as base64; everything else is a string, number or null already. */
function encodeRow(row: Row): Row {
  const encoded: Row = {}
  for (const [column, value] of Object.entries(row)) {
    encoded[column] = Buffer.isBuffer(value) ? { $base64: value.toString('base64') } : value
  }
  return encoded
}

function decodeBytes(_key: string, value: unknown): unknown {
  if (
    typeof value === 'object' &&
    value !== null &&
    '$base64' in value &&
    typeof value.$base64 === 'string'
  ) {
    return Buffer.from(value.$base64, 'base64')
  }
  return value
}

/**
 * Restores a backup into an empty database (no tables, or migrated with no
 * rows) and returns the number of rows. The schema is brought to the
 * backup's migration, the rows go in, in one transaction, then the remaining
 * migrations run. Three things are renewed so devices and the pull cursor
 * behave (docs/sync.md, "After a restore"):
 * - the sync epoch, so every device notices the restore and starts over;
 * - every change-log row's `txid` becomes 0 (settled history: a new
 *   transaction's id on this database may be lower than the old ones);
 * - PostgreSQL's change-log sequence continues after the highest `seq`.
 */
export async function restoreBackup(database: Database, input: Readable): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]()
  const first = await lines.next()
  const header: unknown = first.done ? null : JSON.parse(first.value)
  if (!isHeader(header)) throw new RestoreRefused('not a Shuoshi backup (bad header)')
  if (header.version !== VERSION)
    throw new RestoreRefused(`backup format version ${header.version} is not supported`)
  const unknown = header.migrations.filter((name) => !MIGRATION_NAMES.includes(name))
  if (unknown.length > 0) {
    throw new RestoreRefused(
      `the backup comes from a newer version of Shuoshi (migrations ${unknown.join(', ')}); update first`,
    )
  }
  const { db } = database
  // Before any schema change: bringing a database with data to an older
  // migration would drop tables.
  for (const table of await tablesOf(db)) {
    const { rows } = await sql`select 1 from ${sql.table(table.name)} limit 1`.execute(db)
    if (rows.length > 0)
      throw new RestoreRefused(`the database is not empty (table ${table.name} has rows)`)
  }
  const target = header.migrations.at(-1)
  if (target) await migrateTo(db, target)

  const count = await db.transaction().execute(async (trx) => {
    let rows = 0
    let ended = false
    // Rows go in as multi-row inserts of one table, ≤ 200 rows or ~8 MB (photos).
    let batch: Row[] = []
    let batchTable = ''
    let batchBytes = 0
    const flush = async () => {
      if (batch.length > 0) await insertRows(trx, batchTable, batch)
      batch = []
      batchBytes = 0
    }
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      if (next.value === '') continue
      const line: unknown = JSON.parse(next.value, decodeBytes)
      if (typeof line !== 'object' || line === null) throw new RestoreRefused('damaged line')
      if ('end' in line) {
        if (!('rows' in line) || line.rows !== rows)
          throw new RestoreRefused('the backup is damaged (row count does not match)')
        ended = true
        break
      }
      if (!('t' in line) || typeof line.t !== 'string' || !('r' in line) || !isRow(line.r))
        throw new RestoreRefused('damaged line')
      if (batchTable !== line.t || batch.length >= 200 || batchBytes > 8_000_000) {
        await flush()
        batchTable = line.t
      }
      batch.push(line.r)
      batchBytes += next.value.length
      rows++
    }
    await flush()
    if (!ended) throw new RestoreRefused('the backup is incomplete (no end line)')
    await trx.updateTable('change_log').set({ txid: 0 }).execute()
    const epoch = randomUUID()
    await trx
      .insertInto('sync_meta')
      .values({ key: 'epoch', value: epoch })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: epoch }))
      .execute()
    if (database.dialect === 'postgres') {
      await sql`select setval(pg_get_serial_sequence('change_log', 'seq'),
        coalesce((select max(seq) from change_log), 0) + 1, false)`.execute(trx)
    }
    return rows
  })
  await migrateToLatest(db)
  return count
}

/** One multi-row insert; the columns are those of the first row (a table's rows all have the same). */
async function insertRows(db: Db, table: string, rows: Row[]): Promise<void> {
  const columns = Object.keys(rows[0] ?? {})
  const values = rows.map((row) => sql`(${sql.join(columns.map((column) => row[column] ?? null))})`)
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    values ${sql.join(values)}`.execute(db)
}

function isHeader(value: unknown): value is BackupHeader {
  return (
    typeof value === 'object' &&
    value !== null &&
    'format' in value &&
    value.format === FORMAT &&
    'version' in value &&
    typeof value.version === 'number' &&
    'migrations' in value &&
    Array.isArray(value.migrations) &&
    value.migrations.every((name) => typeof name === 'string')
  )
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
