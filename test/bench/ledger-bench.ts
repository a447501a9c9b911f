/**
 * Ledger benchmark (issue #19.1): `npm run bench:ledger` prints one JSON line
 * per figure on stdout (progress on stderr), for SQLite and PostgreSQL.
 * Figures, not tests: nothing asserts a time. Correctness checks fail the
 * run, so a figure is never measured on a broken export: every report is a
 * row (the workbook is read back with exceljs's streaming reader), the split
 * workbook has one sheet per township holding all rows, and the county's CSV
 * holds no unmasked phone number.
 *
 * The county (demo tree) holds N issue reports (default 100,000): a few
 * thousand made by the real issue kind with a past history
 * (support/bulk-issues.ts, spread over all six villages), then copied under
 * new ids into the sync tables in bulk (a ledger reads only sync_record and
 * record_audience; the copies keep their home and audience). County staff
 * then export the issue ledger over real HTTP, the body streamed to a temp
 * file, three ways: Excel in one sheet, Excel one sheet per township, CSV.
 * Per export: seconds to the last byte, CPU seconds the process used (on
 * a shared machine the wall time mostly measures the other processes), bytes, rows/s, and the server
 * process's RSS growth (peak during the export, sampled every 20 ms, minus
 * the RSS before it; client and server share the process, the client only
 * writes to disk).
 *
 * BENCH_SIZES=100000 (default) chooses the counts; BENCH_DIALECTS narrows
 * the dialects; BENCH_SMOKE=1 runs 2,000 reports on both, for CI.
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { uuidv7 } from 'uuidv7'
import type { DialectName } from '#server/db/database.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import type { RecordRow } from '#server/sync/record.repository.ts'
import { PHONES } from '../support/demo-county.ts'
import { loadIssues } from './support/bulk-issues.ts'
import { startBenchServer, startPostgresCluster, type BenchServer } from './support/bench-server.ts'

const SMOKE = process.env.BENCH_SMOKE === '1'
const SIZES = SMOKE ? [2_000] : (process.env.BENCH_SIZES ?? '100000').split(',').map(Number)
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as DialectName[]
/** Reports made by the real kind, per village (the rest are copies of them). */
const TEMPLATES_PER_VILLAGE = SMOKE ? 100 : 500
const VILLAGES = [
  'demo-t1-v1',
  'demo-t1-v2',
  'demo-t2-v1',
  'demo-t2-v2',
  'demo-t3-v1',
  'demo-t3-v2',
]
const TOWNSHIPS = 3
/** Header rows above the data: title, subtitle, two header rows. */
const HEAD_ROWS = 4

const log = (message: string) => process.stderr.write(`${message}\n`)
const figure = (value: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify(value)}\n`)
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`bench check failed: ${message}`)
}

/** The reports: templates by the real kind, then copies in bulk up to `count`. */
async function fill(server: BenchServer, count: number): Promise<void> {
  const { db } = server.database
  for (const [index, villageId] of VILLAGES.entries()) {
    await loadIssues(server.database, { count: TEMPLATES_PER_VILLAGE, villageId, seed: 19 + index })
  }
  const templates: RecordRow[] = await db
    .selectFrom('sync_record')
    .selectAll()
    .where('kind', '=', 'issue')
    .execute()
  const audiences = await db.selectFrom('record_audience').selectAll().execute()
  const audienceOf = new Map<string, string[]>()
  for (const row of audiences)
    audienceOf.set(row.record_key, [...(audienceOf.get(row.record_key) ?? []), row.path])
  const CHUNK = 500
  for (let made = templates.length; made < count;) {
    const rows: RecordRow[] = []
    const links: { record_key: string; path: string }[] = []
    for (let i = 0; i < CHUNK && made < count; i++, made++) {
      const template = templates[made % templates.length]
      if (!template) throw new Error('no template')
      const id = uuidv7()
      const key = `issue:${id}`
      rows.push({ ...template, key, id })
      for (const path of audienceOf.get(template.key) ?? []) links.push({ record_key: key, path })
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('sync_record').values(rows).execute()
      await trx.insertInto('record_audience').values(links).execute()
    })
  }
  // PostgreSQL's autovacuum analyzes a table after such a load; without its
  // statistics the planner sorts the whole kind for every page (seen: 168 s
  // instead of an index range scan). SQLite picks the index without them.
  if (server.dialect === 'postgres') await sql`analyze`.execute(db)
}

interface ExportFigure {
  seconds: number
  /** CPU seconds the process spent (user + system, all threads): a figure the machine's load barely moves. */
  cpuSeconds: number
  bytes: number
  rssGrowthMb: number
  file: string
}

/** One export over HTTP into `file`, with its time and the process's peak RSS growth. */
async function timedExport(
  server: BenchServer,
  cookie: string,
  query: string,
  file: string,
): Promise<ExportFigure> {
  globalThis.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  const started = performance.now()
  const cpu = process.cpuUsage()
  const response = await fetch(`${server.baseUrl}/api/ledgers/issues${query}`, {
    headers: { cookie },
  })
  check(response.ok && response.body !== null, `export ${query} answered ${response.status}`)
  const body = response.body as WebReadableStream<Uint8Array>
  let bytes = 0
  const counted = Readable.fromWeb(body).on('data', (chunk: Buffer) => {
    bytes += chunk.length
  })
  await pipeline(counted, createWriteStream(file))
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  return {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    bytes,
    rssGrowthMb: (peak - before) / 1024 / 1024,
    file,
  }
}

/** Rows per sheet of a workbook file, read with the streaming reader (no whole workbook in memory). */
async function sheetRows(file: string): Promise<number[]> {
  const counts: number[] = []
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {})
  for await (const sheet of reader) {
    let rows = 0
    for await (const row of sheet) if (row) rows += 1
    counts.push(rows)
  }
  return counts
}

async function runDialect(dialect: DialectName, adminUrl: string | null, dir: string) {
  for (const count of SIZES) {
    const server = await startBenchServer(dialect, { kinds: defaultKinds, adminUrl, listen: true })
    try {
      const filling = performance.now()
      await fill(server, count)
      log(`${dialect}: ${count} reports in ${((performance.now() - filling) / 1000).toFixed(1)} s`)
      const { cookie } = await server.login(PHONES.county)
      const variants = [
        { name: 'xlsx', query: '?format=xlsx' },
        { name: 'xlsx_by_township', query: '?format=xlsx&split=township' },
        { name: 'csv', query: '?format=csv' },
      ] as const
      for (const variant of variants) {
        const file = join(dir, `${dialect}-${count}-${variant.name}`)
        const result = await timedExport(server, cookie, variant.query, file)
        figure({
          figure: 'ledger_export',
          dialect,
          reports: count,
          variant: variant.name,
          seconds: Number(result.seconds.toFixed(2)),
          cpu_s: Number(result.cpuSeconds.toFixed(2)),
          rows_per_s: Math.round(count / result.seconds),
          mb: Number((result.bytes / 1024 / 1024).toFixed(2)),
          rss_growth_mb: Number(result.rssGrowthMb.toFixed(1)),
          load: loadavg().map((value) => Number(value.toFixed(2))),
        })
        if (variant.name === 'csv') {
          const text = await readFile(file, 'utf8')
          // Title and header lines, one per report, and the last line's break.
          check(text.split('\r\n').length === count + 3, `csv holds ${count} rows`)
          check(!/138\d{8}/.test(text), 'the county sees no unmasked phone')
        } else {
          const rows = await sheetRows(file)
          const expected = variant.name === 'xlsx' ? 1 : TOWNSHIPS
          check(
            rows.length === expected,
            `${variant.name}: ${expected} sheet(s), got ${rows.length}`,
          )
          const data = rows.reduce((sum, n) => sum + n - HEAD_ROWS, 0)
          check(data === count, `${variant.name}: ${count} rows, got ${data}`)
        }
        await rm(file)
      }
    } finally {
      await server.close()
    }
  }
}

const dir = await mkdtemp(join(tmpdir(), 'shuoshi-ledger-bench-'))
const cluster = DIALECTS.includes('postgres') ? await startPostgresCluster() : null
try {
  log(
    `load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  )
  for (const dialect of DIALECTS) await runDialect(dialect, cluster?.adminUrl ?? null, dir)
} finally {
  await cluster?.stop()
  await rm(dir, { recursive: true, force: true })
}
