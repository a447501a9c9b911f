/**
 * Sync benchmark (issue 4): `npm run bench:sync` prints one JSON line per
 * figure on stdout (progress goes to stderr), for SQLite and PostgreSQL.
 * Figures, not tests: nothing here asserts a time. Sanity checks (every
 * mutation applied, every record pulled) do fail the run, so a figure is
 * never measured on a broken engine.
 *
 *   push              10,000 memo creates saved with saveChange into a
 *                     fake-indexeddb AppDb, then pushOutbox through
 *                     injectTransport to the real server: mutations/s end to
 *                     end, and server-only (time inside app.inject).
 *   first_pull        pullAll of those 10,000 records into a fresh
 *                     fake-indexeddb client: records/s and pages.
 *   browser_save      Chromium: p50/p95 of one saveChange into IndexedDB.
 *   browser_first_pull Chromium: pullAll of the same 10,000 records over HTTP.
 *   bulk_load / first_sync_at_rows / pull_incremental(_ratio) / pull_plan
 *                     a server holding N = 10,000 and 1,000,000 memos (bulk
 *                     SQL; 1 % in the user's unit, 99 % in other units):
 *                     latency of a pull after 10 new changes in the user's
 *                     scope, from a cursor that is up to date ("fresh": the
 *                     device synced after the load) and from one that is as a
 *                     device leaves it when its unit was quiet while the other
 *                     units wrote ("quiet_scope"), plus the query plans.
 *
 * BENCH_SMOKE=1: 200 mutations/records, 10k vs 20k rows, 20 browser saves —
 * a run of well under a minute for CI.
 */
import 'fake-indexeddb/auto'
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
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
import { AppDb, type OutboxEntry } from '#app/db/app-db.ts'
import { saveChange } from '#app/sync/local-store.ts'
import { pushOutbox } from '#app/sync/push.ts'
import { pullAll } from '#app/sync/pull.ts'
import type { DatabaseSchema } from '#server/db/database-schema.ts'
import type { DialectName } from '#server/db/database.ts'
import { decodeCursor } from '#server/sync/cursor.ts'
import { readLog } from '#server/sync/record.repository.ts'
import { injectTransport } from '../support/inject-transport.ts'
import { createMemo, MEMO_KINDS } from '../support/memo-kind.ts'
import { PHONES } from '../support/demo-county.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import {
  startBenchServer,
  startPostgresCluster,
  type BenchServer,
  type PostgresCluster,
  type Session,
} from './support/bench-server.ts'
import { analyzeSyncTables, bulkLoadMemos } from './support/bulk-load.ts'
import { buildBenchPage, openBenchBrowser, type BenchPage } from './support/browser.ts'
import type { PullFigures } from './browser/entry.ts'

const SMOKE = process.env.BENCH_SMOKE === '1'
/** BENCH_ONLY=push (or first_pull, browser, incremental; comma-separated) runs just those parts. */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean))
const wants = (part: string) => ONLY.size === 0 || ONLY.has(part)
const SIZES = SMOKE
  ? { records: 200, rows: [10_000, 20_000], runs: 5, browserSaves: 20 }
  : { records: 10_000, rows: [10_000, 1_000_000], runs: 20, browserSaves: 200 }
/** New changes in the user's scope before each incremental pull. */
const NEW_CHANGES = 10
/** Share of the bulk rows in the user's own unit; the rest is in other units. */
const OWN_SHARE = 0.01
const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres']
const PERSON = 'gridWorker' as const

// ---------------------------------------------------------------- output

function emit(figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...figures, ...(SMOKE ? { smoke: true } : {}) })}\n`)
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits))
const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000))

/** Nearest-rank percentile of `values` (0 < p ≤ 100). */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] ?? Number.NaN
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length / 2
  return sorted.length % 2 === 1
    ? (sorted[Math.floor(mid)] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2
}

// ---------------------------------------------------------------- cleanup

const cleanups: Array<() => Promise<void>> = []

/** Runs `step` with `resource`, closing it afterwards whatever happens (also on Ctrl-C). */
async function using<T extends { close(): Promise<void> }, R>(
  resource: T,
  step: (r: T) => Promise<R>,
): Promise<R> {
  const close = () => resource.close()
  cleanups.push(close)
  try {
    return await step(resource)
  } finally {
    cleanups.splice(cleanups.indexOf(close), 1)
    await close()
  }
}

async function cleanupAll(): Promise<void> {
  for (const close of cleanups.splice(0).reverse()) await close().catch(() => undefined)
}

// ---------------------------------------------------------------- server helpers

/** An app whose inject() calls are timed: the server's share of a client operation. */
function timedApp(app: FastifyInstance) {
  const timing = { ms: 0, calls: 0 }
  const proxy = {
    async inject(options: InjectOptions): Promise<LightMyRequestResponse> {
      const started = performance.now()
      try {
        return await app.inject(options)
      } finally {
        timing.ms += performance.now() - started
        timing.calls += 1
      }
    },
  } as unknown as FastifyInstance
  return { app: proxy, timing }
}

const SCHEMA_HEADERS = { [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) }

async function rawPull(
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
async function syncToEnd(server: BenchServer, cookie: string, cursor: string | null) {
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
async function pushNewMemos(server: BenchServer, session: Session, count: number): Promise<void> {
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

// ---------------------------------------------------------------- 1, 2: client module

async function benchPush(server: BenchServer, session: Session, count: number): Promise<void> {
  const db = new AppDb(`bench-push-${server.dialect}-${randomBytes(4).toString('hex')}`)
  try {
    const savesStarted = performance.now()
    for (let i = 0; i < count; i++) {
      await saveChange(
        db,
        MEMO_KINDS,
        { ...session.actor, at: new Date().toISOString() },
        {
          kind: 'memo',
          op: 'create',
          payload: {
            text: `门口路灯坏了 #${i}`,
            orgPath: session.actor.orgPath,
            secret: '13800000000',
            photos: [],
          },
        },
      )
    }
    const savesMs = performance.now() - savesStarted
    log(
      `${server.dialect}: ${count} local saves (fake-indexeddb) in ${Math.round(savesMs)} ms; pushing`,
    )

    const { app, timing } = timedApp(server.app)
    const transport = injectTransport({ app: () => app, cookie: () => session.cookie })
    const actorFor = (entry: OutboxEntry) => ({ ...session.actor, at: entry.createdAt })
    const started = performance.now()
    const outcome = await pushOutbox(db, transport, MEMO_KINDS, actorFor, session.actor.userId)
    const totalMs = performance.now() - started
    const left = await db.outbox.count()
    if (outcome.applied !== count || outcome.rejected !== 0 || left !== 0) {
      throw new Error(
        `push: applied ${outcome.applied}, rejected ${outcome.rejected}, ${left} left in the outbox`,
      )
    }
    emit({
      bench: 'push',
      dialect: server.dialect,
      mutations: count,
      requests: timing.calls,
      totalMs: round(totalMs),
      mutationsPerSec: perSecond(count, totalMs),
      serverMs: round(timing.ms),
      serverMutationsPerSec: perSecond(count, timing.ms),
      clientMs: round(totalMs - timing.ms),
      localSaves: {
        store: 'fake-indexeddb',
        ms: round(savesMs),
        perSec: perSecond(count, savesMs),
      },
    })
  } finally {
    await db.delete()
  }
}

async function benchFirstPull(
  server: BenchServer,
  session: Session,
  expected: number,
): Promise<void> {
  const db = new AppDb(`bench-pull-${server.dialect}-${randomBytes(4).toString('hex')}`)
  try {
    const { app, timing } = timedApp(server.app)
    const transport = injectTransport({ app: () => app, cookie: () => session.cookie })
    const actorFor = (entry: OutboxEntry) => ({ ...session.actor, at: entry.createdAt })
    let progress = { done: 0, total: 0 }
    const started = performance.now()
    const changes = await pullAll(db, transport, MEMO_KINDS, actorFor, {
      onProgress: (value) => (progress = value),
    })
    const totalMs = performance.now() - started
    const records = await db.records.count()
    if (records !== expected)
      throw new Error(`first pull: ${records} records, expected ${expected}`)
    emit({
      bench: 'first_pull',
      dialect: server.dialect,
      store: 'fake-indexeddb',
      records,
      changes,
      pages: timing.calls,
      limit: DEFAULT_PULL_LIMIT,
      lastProgress: progress,
      totalMs: round(totalMs),
      recordsPerSec: perSecond(records, totalMs),
      serverMs: round(timing.ms),
      clientMs: round(totalMs - timing.ms),
    })
  } finally {
    await db.delete()
  }
}

// ---------------------------------------------------------------- 4: Chromium

async function benchBrowser(server: BenchServer, expected: number): Promise<void> {
  if (!server.baseUrl) throw new Error('the browser bench needs a listening server')
  await using(await openBenchBrowser(server.baseUrl), async ({ page }) => {
    const me = await page.evaluate(
      ([phone, password]) => window.shuoshiBench.login(phone, password),
      [PHONES[PERSON], DEMO_PASSWORD] as const,
    )
    const actor = {
      userId: me.user.id,
      userName: me.user.name,
      role: me.user.role,
      orgUnitId: me.user.orgUnitId,
      orgPath: me.orgUnit.path,
    }
    const durations = await page.evaluate(([count, who]) => window.shuoshiBench.saves(count, who), [
      SIZES.browserSaves,
      actor,
    ] as const)
    emit({
      bench: 'browser_save',
      dialect: server.dialect,
      store: 'chromium-indexeddb',
      saves: durations.length,
      p50Ms: round(percentile(durations, 50)),
      p95Ms: round(percentile(durations, 95)),
      meanMs: round(durations.reduce((sum, value) => sum + value, 0) / durations.length),
      maxMs: round(Math.max(...durations)),
    })
    const pull: PullFigures = await page.evaluate(
      (who) => window.shuoshiBench.firstPull(who),
      actor,
    )
    if (pull.records !== expected)
      throw new Error(`browser pull: ${pull.records} records, expected ${expected}`)
    emit({
      bench: 'browser_first_pull',
      dialect: server.dialect,
      store: 'chromium-indexeddb',
      records: pull.records,
      changes: pull.changes,
      pages: pull.pages,
      totalMs: round(pull.ms),
      recordsPerSec: perSecond(pull.records, pull.ms),
      fetchMs: round(pull.fetchMs),
      clientMs: round(pull.ms - pull.fetchMs),
    })
  })
}

// ---------------------------------------------------------------- 3: incremental pull at N rows

interface IncrementalFigures {
  fresh: number
  quiet: number
}

async function benchIncremental(
  dialect: DialectName,
  cluster: PostgresCluster | null,
  rows: number,
  explain: boolean,
): Promise<IncrementalFigures> {
  const server = await startBenchServer(dialect, { kinds: MEMO_KINDS, adminUrl: cluster?.adminUrl })
  return using(server, async () => {
    const session = await server.login(PHONES[PERSON])
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
    for (let run = 0; run < SIZES.runs; run++) {
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
    for (let run = 0; run < SIZES.runs; run++) {
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

async function emitPlan(
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
async function explainReadLog(
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

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  log(
    `mode ${SMOKE ? 'smoke' : 'full'}; node ${process.version}; records ${SIZES.records}; rows ${SIZES.rows.join(' vs ')}`,
  )
  const cluster = await startPostgresCluster()
  cleanups.push(() => cluster.stop())
  log('postgres ready; bundling the browser page')
  const page: BenchPage = await buildBenchPage()
  cleanups.push(() => page.remove())

  for (const dialect of DIALECTS) {
    log(`${dialect}: push, first pull, browser`)
    const server = await startBenchServer(dialect, {
      kinds: MEMO_KINDS,
      adminUrl: cluster.adminUrl,
      staticDir: page.dir,
      listen: true,
    })
    await using(server, async () => {
      const session = await server.login(PHONES[PERSON])
      if (wants('push') || wants('first_pull')) await benchPush(server, session, SIZES.records)
      if (wants('first_pull')) await benchFirstPull(server, session, SIZES.records)
      if (wants('browser')) await benchBrowser(server, SIZES.records)
    })
  }

  for (const dialect of wants('incremental') ? DIALECTS : []) {
    const medians: IncrementalFigures[] = []
    for (const [index, rows] of SIZES.rows.entries()) {
      log(`${dialect}: incremental pull at ${rows} rows`)
      medians.push(await benchIncremental(dialect, cluster, rows, index === SIZES.rows.length - 1))
    }
    const [small, large] = medians
    const [smallRows, largeRows] = SIZES.rows
    if (small && large) {
      for (const name of ['fresh', 'quiet'] as const) {
        emit({
          bench: 'pull_incremental_ratio',
          dialect,
          cursor: name === 'quiet' ? 'quiet_scope' : 'fresh',
          rows: [smallRows, largeRows],
          medianMs: [round(small[name]), round(large[name])],
          ratio: round(large[name] / small[name]),
          target: 1.5,
        })
      }
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`)
    void cleanupAll().finally(() => process.exit(130))
  })
}

const started = performance.now()
try {
  await main()
  log(`done in ${Math.round((performance.now() - started) / 1000)} s`)
} catch (error) {
  process.exitCode = 1
  log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
} finally {
  await cleanupAll()
}
