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
 * Per export: seconds to the last byte, CPU seconds the server process used
 * (on a shared machine the wall time mostly measures the other processes),
 * bytes, rows/s, and the server process's RSS growth (peak during the
 * export, sampled every 20 ms, minus the RSS after a full collection before
 * it). The server runs in a process of its own (support/ledger-server.ts):
 * until 27 Nov the client shared it, and its download counted as the
 * server's CPU and memory.
 *
 * BENCH_SIZES=100000 (default) chooses the counts; BENCH_DIALECTS narrows
 * the dialects; BENCH_SMOKE=1 runs 2,000 reports on both, for CI.
 */
import { fork } from 'node:child_process'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import type { DialectName } from '#server/db/database.ts'
import { startPostgresCluster } from './support/bench-server.ts'
import type { LedgerServerArgs, ServerFigures, ServerMessage } from './support/ledger-server.ts'

const SERVER_SCRIPT = fileURLToPath(new URL('./support/ledger-server.ts', import.meta.url))
const SMOKE = process.env.BENCH_SMOKE === '1'
const SIZES = SMOKE ? [2_000] : (process.env.BENCH_SIZES ?? '100000').split(',').map(Number)
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as DialectName[]
/** Reports made by the real kind, per village (the rest are copies of them). */
const TEMPLATES_PER_VILLAGE = SMOKE ? 100 : 500
const TOWNSHIPS = 3
/** Header rows above the data: title, subtitle, two header rows. */
const HEAD_ROWS = 4

const log = (message: string) => process.stderr.write(`${message}\n`)
const figure = (value: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify(value)}\n`)
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`bench check failed: ${message}`)
}

interface ExportFigure {
  seconds: number
  /** CPU seconds the server process spent (user + system, all threads): a figure the machine's load barely moves. */
  cpuSeconds: number
  bytes: number
  rssGrowthMb: number
  file: string
}

/** The bench server in its own process (support/ledger-server.ts), filled with `count` reports. */
async function forkServer(args: LedgerServerArgs) {
  const child = fork(SERVER_SCRIPT, [JSON.stringify(args)], {
    execArgv: [...process.execArgv, '--expose-gc'],
  })
  const waiters: Array<(message: ServerMessage) => void> = []
  child.on('message', (message: ServerMessage) => waiters.shift()?.(message))
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  const next = <T extends ServerMessage['type']>(type: T) =>
    Promise.race([
      new Promise<ServerMessage>((resolve) => waiters.push(resolve)),
      exited.then((code) => {
        throw new Error(`ledger server exited (${code}) while the bench waited for ${type}`)
      }),
    ]).then((message) => {
      check(message.type === type, `ledger server sent ${message.type}, not ${type}`)
      return message as Extract<ServerMessage, { type: T }>
    })
  const ready = await next('ready')
  return {
    ...ready,
    /** Runs `work` and answers the server's CPU seconds and RSS growth meanwhile. */
    async measure(work: () => Promise<void>): Promise<ServerFigures> {
      child.send('start')
      await next('started')
      await work()
      child.send('stop')
      return next('stopped')
    },
    async close() {
      if (child.connected) child.send('close')
      await exited
    },
  }
}

/** One export over HTTP into `file`, with its time and the server's figures. */
async function timedExport(
  server: Awaited<ReturnType<typeof forkServer>>,
  query: string,
  file: string,
): Promise<ExportFigure> {
  let bytes = 0
  let seconds = 0
  const figures = await server.measure(async () => {
    const started = performance.now()
    const response = await fetch(`${server.baseUrl}/api/ledgers/issues${query}`, {
      headers: { cookie: server.cookie },
    })
    check(response.ok && response.body !== null, `export ${query} answered ${response.status}`)
    const body = response.body as WebReadableStream<Uint8Array>
    const counted = Readable.fromWeb(body).on('data', (chunk: Buffer) => {
      bytes += chunk.length
    })
    await pipeline(counted, createWriteStream(file))
    seconds = (performance.now() - started) / 1000
  })
  return { seconds, bytes, file, ...figures }
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
    const server = await forkServer({
      dialect,
      adminUrl,
      count,
      templatesPerVillage: TEMPLATES_PER_VILLAGE,
    })
    try {
      log(`${dialect}: ${count} reports in ${server.fillSeconds.toFixed(1)} s`)
      const variants = [
        { name: 'xlsx', query: '?format=xlsx' },
        { name: 'xlsx_by_township', query: '?format=xlsx&split=township' },
        { name: 'csv', query: '?format=csv' },
      ] as const
      for (const variant of variants) {
        const file = join(dir, `${dialect}-${count}-${variant.name}`)
        const result = await timedExport(server, variant.query, file)
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
