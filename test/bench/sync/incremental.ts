/**
 * Incremental pulls on a server holding N rows (bulk SQL; 1 % in the user's
 * unit, 99 % in other units): latency of a pull after 10 new changes from a
 * fresh cursor and from a quiet unit's cursor, plus the query plans.
 */
import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely'
import {
  DEFAULT_PULL_LIMIT,
  SCHEMA_HEADER,
  SYNC_SCHEMA_VERSION,
  type PullResponse,
  type PushResponse,
} from '#shared/sync/sync.protocol.ts'
import type { DatabaseSchema } from '#server/db/database-schema.ts'
import type { DialectName } from '#server/db/database.ts'
import { decodeCursor } from '#server/sync/cursor.ts'
import { readLog } from '#server/sync/record.repository.ts'
import { createMemo, MEMO_KINDS } from '../../support/memo-kind.ts'
import { PHONES, type Person } from '../../support/demo-county.ts'
import {
  startBenchServer,
  type BenchServer,
  type PostgresCluster,
  type Session,
} from '../support/bench-server.ts'
import { analyzeSyncTables, bulkLoadMemos } from '../support/bulk-load.ts'
import { emit, log, median, percentile, perSecond, round, using } from './output.ts'

const SCHEMA_HEADERS = { [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) }

/** New changes in the user's scope before each incremental pull. */
const NEW_CHANGES = 10
/** Share of the bulk rows in the user's own unit; the rest is in other units. */
const OWN_SHARE = 0.01

export async function rawPull(
  server: BenchServer,
  cookie: string,
  cursor: string | null,
): Promise<PullResponse> {
  const query: Record<string, string> = { limit: String(DEFAULT_PULL_LIMIT) }
  if (cursor) query.cursor = cursor
  const response = await server.app.inject({
    method: 'GET',
    url: '/api/sync/pull',
    query,
    headers: { ...SCHEMA_HEADERS, cookie },
  })
  if (response.statusCode !== 200)
    throw new Error(`pull answered ${response.statusCode}: ${response.body}`)
  return response.json<PullResponse>()
}

/** Pulls until the server has nothing more; the final cursor. */
export async function syncToEnd(server: BenchServer, cookie: string, cursor: string | null) {
  let pages = 0
  let changes = 0
  for (;;) {
    const page = await rawPull(server, cookie, cursor)
    pages += 1
    changes += page.changes.length
    cursor = page.cursor
    if (!page.hasMore) return { cursor, pages, changes }
  }
}

/** Pushes `count` new memos in the user's unit through the API; all must apply. */
export async function pushNewMemos(
  server: BenchServer,
  session: Session,
  count: number,
): Promise<void> {
  const mutations = Array.from({ length: count }, () => createMemo(session.actor.orgPath))
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...SCHEMA_HEADERS, cookie: session.cookie, 'content-type': 'application/json' },
    payload: JSON.stringify({ mutations }),
  })
  const body = response.json<PushResponse>()
  if (response.statusCode !== 200 || body.results.some((result) => result.status !== 'applied')) {
    throw new Error(
      `push of new memos failed: ${response.statusCode} ${response.body.slice(0, 500)}`,
    )
  }
}

export interface IncrementalFigures {
  fresh: number
  quiet: number
}

export async function benchIncremental(
  dialect: DialectName,
  cluster: PostgresCluster | null,
  rows: number,
  explain: boolean,
  { person, runs }: { person: Person; runs: number },
): Promise<IncrementalFigures> {
  const server = await startBenchServer(dialect, { kinds: MEMO_KINDS, adminUrl: cluster?.adminUrl })
  return using(server, async () => {
    const session = await server.login(PHONES[person])
    const scope = session.actor.orgPath
    const units = await server.database.db.selectFrom('org_unit').select('path').execute()
    const otherUnits = units.map((unit) => unit.path).filter((path) => !path.startsWith(scope))
    const own = Math.max(NEW_CHANGES, Math.round(rows * OWN_SHARE))

    // The user's unit writes first; a device of the user syncs; then the
    // other units write the rest while the user's unit stays quiet.
    const loadStarted = performance.now()
    await bulkLoadMemos(server.database, { from: 1, to: own, paths: [scope] })
    const quietDevice = await syncToEnd(server, session.cookie, null)
    await bulkLoadMemos(
      server.database,
      { from: own + 1, to: rows, paths: otherUnits },
      { onChunk: (done) => log(`${dialect}: loaded ${own + done}/${rows} rows`) },
    )
    await analyzeSyncTables(server.database)
    const loadMs = performance.now() - loadStarted
    emit({
      bench: 'bulk_load',
      dialect,
      rows,
      ownUnitRows: own,
      otherUnits: otherUnits.length,
      ms: Math.round(loadMs),
      rowsPerSec: perSecond(rows, loadMs),
    })

    // A device that syncs for the first time now: its cursor is at the end of the log.
    const firstStarted = performance.now()
    const fresh = await syncToEnd(server, session.cookie, null)
    const firstMs = performance.now() - firstStarted
    if (fresh.changes !== own)
      throw new Error(`first sync at ${rows} rows: ${fresh.changes} changes, expected ${own}`)
    emit({
      bench: 'first_sync_at_rows',
      dialect,
      rows,
      records: own,
      pages: fresh.pages,
      ms: round(firstMs),
      note: 'server only (app.inject), no client store',
    })

    // Quiet scope: the device's cursor stayed where its unit last changed.
    await pushNewMemos(server, session, NEW_CHANGES)
    const quietTimes: number[] = []
    for (let run = 0; run < runs; run++) {
      const started = performance.now()
      const page = await rawPull(server, session.cookie, quietDevice.cursor)
      quietTimes.push(performance.now() - started)
      if (page.changes.length !== NEW_CHANGES || page.hasMore) {
        throw new Error(`quiet-scope pull: ${page.changes.length} changes, hasMore ${page.hasMore}`)
      }
    }

    // The plan while the log looks as it did during those pulls.
    if (explain) await emitPlan(server, scope, rows, 'quiet_scope', quietDevice.cursor)

    // Fresh cursor: 10 new changes, one pull, and again.
    const freshTimes: number[] = []
    let cursor = fresh.cursor
    let lastFresh = cursor
    for (let run = 0; run < runs; run++) {
      if (run > 0) await pushNewMemos(server, session, NEW_CHANGES)
      lastFresh = cursor
      const started = performance.now()
      const page = await rawPull(server, session.cookie, cursor)
      freshTimes.push(performance.now() - started)
      if (page.changes.length !== NEW_CHANGES || page.hasMore) {
        throw new Error(`fresh pull: ${page.changes.length} changes, hasMore ${page.hasMore}`)
      }
      cursor = page.cursor
    }

    for (const [name, times] of [
      ['fresh', freshTimes],
      ['quiet_scope', quietTimes],
    ] as const) {
      emit({
        bench: 'pull_incremental',
        dialect,
        rows,
        cursor: name,
        newChanges: NEW_CHANGES,
        runs: times.length,
        medianMs: round(median(times)),
        p95Ms: round(percentile(times, 95)),
        minMs: round(Math.min(...times)),
        scannedLogRows: name === 'fresh' ? NEW_CHANGES : rows - own + NEW_CHANGES,
      })
    }

    if (explain) await emitPlan(server, scope, rows, 'fresh', lastFresh)
    return { fresh: median(freshTimes), quiet: median(quietTimes) }
  })
}

export async function emitPlan(
  server: BenchServer,
  scope: string,
  rows: number,
  name: string,
  cursor: string,
): Promise<void> {
  const decoded = decodeCursor(cursor)
  if (decoded?.phase !== 'log') throw new Error(`${name} cursor is not in the log phase`)
  const plan = await explainReadLog(server, scope, decoded.from)
  emit({
    bench: 'pull_plan',
    dialect: server.dialect,
    rows,
    cursor: name,
    readLogMedianMs: round(plan.queryMs),
    query: plan.sql,
    plan: plan.lines,
  })
}

/** The exact SQL readLog sends (compiled against a dummy driver), explained on the real database. */
export async function explainReadLog(
  server: BenchServer,
  scope: string,
  from: { txid: number; seq: number },
): Promise<{ sql: string; queryMs: number; lines: string[] }> {
  const isPostgres = server.dialect === 'postgres'
  let compiled: CompiledQuery | null = null
  const dummy = new Kysely<DatabaseSchema>({
    dialect: {
      createAdapter: () => (isPostgres ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) =>
        isPostgres ? new PostgresIntrospector(db) : new SqliteIntrospector(db),
      createQueryCompiler: () =>
        isPostgres ? new PostgresQueryCompiler() : new SqliteQueryCompiler(),
    },
    log: (event) => {
      if (event.level === 'query') compiled = event.query
    },
  })
  await readLog(dummy, server.dialect, scope, from, DEFAULT_PULL_LIMIT)
  await dummy.destroy()
  const query = compiled as CompiledQuery | null
  if (!query) throw new Error('readLog compiled no query')
  // The query alone, without HTTP, projection and the other queries of a page.
  const times: number[] = []
  for (let run = 0; run < 5; run++) {
    const started = performance.now()
    await server.database.db.executeQuery(CompiledQuery.raw(query.sql, [...query.parameters]))
    times.push(performance.now() - started)
  }
  const prefix = isPostgres ? 'explain (analyze, buffers) ' : 'explain query plan '
  const result = await server.database.db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(prefix + query.sql, [...query.parameters]),
  )
  const lines = result.rows.map((row) =>
    isPostgres
      ? String(row['QUERY PLAN'])
      : `${String(row.id)}<${String(row.parent)}: ${String(row.detail)}`,
  )
  return { sql: query.sql, queryMs: median(times), lines }
}
