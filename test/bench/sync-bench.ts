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
 *   wire_bytes / wire_bytes_served / push_bytes
 *                     bytes per record per kind on the wire, plain page
 *                     against the lean encoding, raw / gzip / br
 *                     (sync/wire-bytes.ts).
 *
 * The parts live in test/bench/sync/: client-module.ts (push, first pull,
 * Chromium), incremental.ts, wire-bytes.ts, output.ts.
 *
 * BENCH_SMOKE=1: 200 mutations/records, 10k vs 20k rows, 20 browser saves,
 * 100 records per kind — a run of about a minute for CI.
 */
import 'fake-indexeddb/auto'
import type { DialectName } from '#server/db/database.ts'
import { MEMO_KINDS } from '../support/memo-kind.ts'
import { PHONES } from '../support/demo-county.ts'
import { startBenchServer, startPostgresCluster } from './support/bench-server.ts'
import { buildBenchPage, type BenchPage } from './support/browser.ts'
import { benchBrowser, benchFirstPull, benchPush } from './sync/client-module.ts'
import { benchIncremental, type IncrementalFigures } from './sync/incremental.ts'
import { cleanupAll, cleanups, emit, log, round, SMOKE, using } from './sync/output.ts'
import { benchWireBytes } from './sync/wire-bytes.ts'

/** BENCH_ONLY=push (or first_pull, browser, incremental, wire; comma-separated) runs just those parts. */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean))
const wants = (part: string) => ONLY.size === 0 || ONLY.has(part)
const SIZES = SMOKE
  ? { records: 200, rows: [10_000, 20_000], runs: 5, browserSaves: 20, perKind: 100 }
  : { records: 10_000, rows: [10_000, 1_000_000], runs: 20, browserSaves: 200, perKind: 500 }
const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres']
const PERSON = 'gridWorker' as const

async function main(): Promise<void> {
  log(
    `mode ${SMOKE ? 'smoke' : 'full'}; node ${process.version}; records ${SIZES.records}; rows ${SIZES.rows.join(' vs ')}`,
  )
  if (wants('wire')) {
    log('wire bytes per record per kind (SQLite; the encoding does not depend on the dialect)')
    await benchWireBytes({ records: SIZES.perKind })
  }
  if (ONLY.size > 0 && [...ONLY].every((part) => part === 'wire')) return
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
      if (wants('browser'))
        await benchBrowser(server, SIZES.records, { person: PERSON, saves: SIZES.browserSaves })
    })
  }

  for (const dialect of wants('incremental') ? DIALECTS : []) {
    const medians: IncrementalFigures[] = []
    for (const [index, rows] of SIZES.rows.entries()) {
      log(`${dialect}: incremental pull at ${rows} rows`)
      medians.push(
        await benchIncremental(dialect, cluster, rows, index === SIZES.rows.length - 1, {
          person: PERSON,
          runs: SIZES.runs,
        }),
      )
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
