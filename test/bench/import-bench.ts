/**
 * Import benchmark (issue #19.3; target: 10,000 rows ≤ 20 s on the shared
 * 2-core machine): `npm run bench:import` prints one JSON line per figure on
 * stdout (progress goes to stderr), on SQLite and PostgreSQL. Figures, not
 * tests: nothing asserts a time. Sanity checks fail the run, so a figure is
 * never measured on a broken import: every row created once, the stored
 * reports counted, and a re-import creating nothing.
 *
 * The real server (buildApp on a SQLite file or a fresh PostgreSQL
 * database, demo county), called through `app.inject` as county staff:
 *
 *   preview   POST …/preview of an export of N rows spread over every
 *             village and grid of the county: ms (nothing stored).
 *   commit    POST …/commit of the same file: ms and rows/s; the server's
 *             RSS growth over the commit.
 *   reimport  the same file again (all duplicates): ms.
 *   xlsx      the same rows (new tickets) as an xlsx file: preview ms.
 *
 * Run it with `uptime` next to it: the machine is shared, so compare the
 * two dialects of one run rather than runs of different days.
 *
 * BENCH_SMOKE=1: 40 rows, for CI (under a minute, PostgreSQL start included).
 * BENCH_ROWS=n changes the count (default 10,000); BENCH_DIALECTS=sqlite skips
 * PostgreSQL.
 */
import ExcelJS from 'exceljs'
import type { DialectName } from '#server/db/database.ts'
import { kindsOfConfig } from '#server/sync/kinds.ts'
import { loadConfig } from '#server/config.ts'
import type { ImportOutcome, ImportSource } from '#shared/import/import.schema.ts'
import { PHONES } from '../support/demo-county.ts'
import { startBenchServer, startPostgresCluster, type BenchServer } from './support/bench-server.ts'

const SMOKE = process.env.BENCH_SMOKE === '1'
const ROWS = SMOKE ? 40 : Number(process.env.BENCH_ROWS ?? 10_000)
const DIALECTS: readonly DialectName[] =
  process.env.BENCH_DIALECTS === 'sqlite' ? ['sqlite'] : ['sqlite', 'postgres']
const VILLAGES = ['柳河村', '杏花村', '石桥村', '青山村', '东湖社区', '南湾社区']
const HEADER = '工单编号,村社,网格,诉求内容,来电人,联系电话'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const log = (line: string) => process.stderr.write(`${line}\n`)
const emit = (figure: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify(figure)}\n`)
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

/** N rows of a hotline export, over every village and both grids. */
function rows(prefix: string): string[][] {
  return Array.from({ length: ROWS }, (_, i) => [
    `${prefix}-${String(i).padStart(6, '0')}`,
    VILLAGES[i % VILLAGES.length] ?? '柳河村',
    i % 2 === 0 ? '第一网格' : '第二网格',
    `第${i}号来电：反映路灯、垃圾清运或道路破损等问题，请网格核实处理。`,
    i % 3 === 0 ? '' : `群众${i % 100}`,
    i % 3 === 0 ? '' : `138${String(i).padStart(8, '0')}`,
  ])
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`import bench check failed: ${message}`)
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await work()
  return { ms: Math.round(performance.now() - started), value }
}

async function benchDialect(server: BenchServer): Promise<void> {
  const { dialect } = server
  const { cookie } = await server.login(PHONES.county)
  const created = await server.app.inject({
    method: 'POST',
    url: '/api/import/sources',
    headers: { cookie },
    payload: {
      name: '12345热线',
      channel: 'phone_call',
      category: 'public_interest',
      columns: {
        ticket: '工单编号',
        village: '村社',
        grid: '网格',
        description: '诉求内容',
        name: '来电人',
        phone: '联系电话',
      },
    },
  })
  check(created.statusCode === 201, `source: ${created.body}`)
  const source = created.json<ImportSource>()
  const send = async (step: 'preview' | 'commit', body: Buffer, type = 'text/csv') => {
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/import/sources/${source.id}/${step}`,
      headers: { cookie, 'content-type': type },
      payload: body,
    })
    check(
      response.statusCode === 200,
      `${step}: ${response.statusCode} ${response.body.slice(0, 300)}`,
    )
    return response.json<ImportOutcome>()
  }
  const csv = Buffer.from([HEADER, ...rows('GD').map((r) => r.join(','))].join('\n'))
  log(`${dialect}: ${ROWS} rows, ${Math.round(csv.length / 1024)} KB CSV`)

  const preview = await timed(() => send('preview', csv))
  check(
    preview.value.counts.ready === ROWS,
    `preview ready ${JSON.stringify(preview.value.counts)}`,
  )
  emit({ dialect, figure: 'preview', rows: ROWS, ms: preview.ms })

  global.gc?.()
  const rssBefore = process.memoryUsage().rss
  let rssPeak = rssBefore
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
  }, 50)
  const commit = await timed(() => send('commit', csv))
  clearInterval(sampler)
  check(commit.value.counts.created === ROWS, `commit ${JSON.stringify(commit.value.counts)}`)
  const stored = await server.database.db
    .selectFrom('import_ticket')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  check(Number(stored.n) === ROWS, `stored tickets ${stored.n}`)
  emit({
    dialect,
    figure: 'commit',
    rows: ROWS,
    ms: commit.ms,
    rowsPerSecond: Math.round((ROWS * 1000) / commit.ms),
    rssGrowthMb: mb(rssPeak - rssBefore),
  })

  const again = await timed(() => send('commit', csv))
  check(again.value.counts.created === 0, `re-import created ${again.value.counts.created}`)
  check(
    again.value.counts.duplicate === ROWS,
    `re-import duplicates ${again.value.counts.duplicate}`,
  )
  emit({ dialect, figure: 'reimport', rows: ROWS, ms: again.ms })

  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('工单')
  sheet.addRow(HEADER.split(','))
  for (const row of rows('XL')) sheet.addRow(row)
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer())
  const xlsxPreview = await timed(() => send('preview', xlsx, XLSX))
  check(xlsxPreview.value.counts.ready === ROWS, `xlsx ${JSON.stringify(xlsxPreview.value.counts)}`)
  emit({
    dialect,
    figure: 'xlsx_preview',
    rows: ROWS,
    kb: Math.round(xlsx.length / 1024),
    ms: xlsxPreview.ms,
  })
}

async function main(): Promise<void> {
  log(`mode ${SMOKE ? 'smoke' : 'full'}; node ${process.version}; rows ${ROWS}`)
  const cluster = await startPostgresCluster()
  try {
    const kinds = kindsOfConfig(loadConfig({}))
    for (const dialect of DIALECTS) {
      const server = await startBenchServer(dialect, { kinds, adminUrl: cluster.adminUrl })
      try {
        await benchDialect(server)
      } finally {
        await server.close()
      }
    }
  } finally {
    await cluster.stop()
  }
}

await main()
