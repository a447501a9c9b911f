/**
 * One Kysely instance over either SQLite (embedded default, WAL) or
 * PostgreSQL (DATABASE_URL). Queries are written once for both; the few places
 * that differ ask `db.dialect`.
 */
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
} from 'kysely'
import type { DatabaseSchema } from './database-schema.ts'

export type DialectName = 'sqlite' | 'postgres'

export interface Database {
  db: Kysely<DatabaseSchema>
  dialect: DialectName
  /**
   * The folder whose disk holds the data (the SQLite file and its WAL), for
   * the health check's free-space figure; null for in-memory SQLite and for
   * PostgreSQL, whose disk is on the database host.
   */
  storageDir: string | null
  close(): Promise<void>
}

// int8 (bigint) and numeric come back as strings by default; our counters fit in a double.
pg.types.setTypeParser(20, (value) => Number(value))

export interface OpenOptions {
  databaseUrl?: string | undefined
  /** Folder for the SQLite file; ":memory:" opens an in-memory database. */
  dataDir?: string
  sqliteFile?: string
  /**
   * Told when a PostgreSQL connection fails outside any query (the server
   * restarted, the network dropped): the pool discards it and the next query
   * connects anew. Without a listener such an error would end the process.
   */
  onConnectionError?: (error: Error) => void
}

export function openDatabase(options: OpenOptions): Database {
  if (options.databaseUrl?.startsWith('postgres')) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      // An unreachable host (not a refused port) would otherwise hold every
      // request forever; after 10 s it fails and is answered 503.
      connectionTimeoutMillis: 10_000,
      // A session left idle inside a transaction holds back every pull (the
      // cursor waits for it, docs/sync.md): end such sessions after 30 s.
      options: '-c idle_in_transaction_session_timeout=30000',
    })
    const onError = options.onConnectionError ?? (() => undefined)
    // Every connection reports on itself, idle in the pool or checked out
    // between two queries of a transaction (pg-pool listens only while it is
    // idle). A broken connection's next query fails and the pool drops it.
    pool.on('connect', (client) => client.on('error', onError))
    // The pool re-emits idle connections' errors, already reported above;
    // unheard, that emit would throw and end the process.
    pool.on('error', () => undefined)
    const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) })
    return { db, dialect: 'postgres', storageDir: null, close: () => db.destroy() }
  }
  let file = options.sqliteFile ?? ':memory:'
  if (options.dataDir && !options.sqliteFile) {
    mkdirSync(options.dataDir, { recursive: true })
    file = join(options.dataDir, 'shuoshi.sqlite')
  }
  const sqlite = cachePreparedStatements(new SQLite(file))
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteKeepingErrorsDialect(sqlite) })
  const storageDir = file === ':memory:' ? null : dirname(file)
  return { db, dialect: 'sqlite', storageDir, close: () => db.destroy() }
}

/**
 * On SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY or SQLITE_NOMEM, SQLite may roll
 * the whole transaction back by itself. Kysely then sends ROLLBACK (or
 * ROLLBACK TO a savepoint), which fails with "no transaction is active", and
 * that error replaces the real one: a full disk would answer 500 instead of
 * 507. With no transaction left there is nothing to undo, so skip it and let
 * the original error through. (Callers never swallow those errors, so no
 * statement runs afterwards believing it is still inside the transaction.)
 */
class SqliteKeepingErrorsDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite })
  }

  override createDriver(): Driver {
    const { sqlite } = this
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (sqlite.inTransaction) await super.rollbackTransaction(connection)
      }

      override async rollbackToSavepoint(
        connection: DatabaseConnection,
        savepointName: string,
        compileQuery: QueryCompiler['compileQuery'],
      ): Promise<void> {
        if (sqlite.inTransaction)
          await super.rollbackToSavepoint(connection, savepointName, compileQuery)
      }
    })({ database: sqlite })
  }
}

/**
 * Kysely prepares every statement anew; on SQLite that is a fifth of a push's
 * time. Statements are reusable, so keep the recent ones by SQL text (bounded:
 * `in (?, ?, …)` lists make many distinct texts).
 */
function cachePreparedStatements(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>()
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source)
    if (!statement) {
      if (cache.size >= 500) cache.clear()
      statement = prepare(source)
      cache.set(source, statement)
    }
    return statement
  }) as typeof sqlite.prepare
  return sqlite
}
