/**
 * Supervision benchmark (issue #14.2): `npm run bench:supervision` prints
 * figures on stdout (progress on stderr); nothing asserts a time. A county of
 * 30 townships / 300 villages with 1,000,000 issue reports, 20,000 discussion
 * days and 50,000 forms (and the same at a tenth, for the ratio) is generated
 * into a fresh database per dialect (./generate.ts); then the county's
 * quarter view and a township's drill-down are built (`buildView`, the code
 * behind GET /api/supervision) 20 times each: p50 / p95, and the query plans.
 * Correctness checks fail the run: the view's total equals a plain COUNT, and
 * the areas add up to the total.
 *
 * BENCH_SIZES=100000,1000000 (default) chooses the issue counts (days and
 * forms scale with them); BENCH_SMOKE=1 runs 5,000 on both dialects, 3 times.
 */
import { sql } from 'kysely'
import { buildView } from '#server/supervision/supervision.view.ts'
import { sliceQuery } from '#server/supervision/supervision.queries.ts'
import { kindsFor } from '#server/sync/kinds.ts'
import { DEFAULT_STAGE_DEADLINES } from '#shared/issue/issue.deadlines.ts'
import { resolvePeriod, type Period } from '#shared/supervision/period.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import type { DialectName } from '#server/db/database.ts'
import { startBenchServer, startPostgresCluster } from '../support/bench-server.ts'
import { BENCH_COUNTY, insertBenchFacts, insertBenchTree, TOWNSHIPS } from './generate.ts'

const SMOKE = process.env.BENCH_SMOKE === '1'
const SIZES = SMOKE ? [5_000] : (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number)
const RUNS = SMOKE ? 3 : 20
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as DialectName[]
const period = resolvePeriod({ period: 'quarter', at: '2026-Q2' }) as Period
const TODAY = '2026-11-27'

const log = (message: string) => process.stderr.write(`${message}\n`)
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`bench check failed: ${message}`)
}

const county: OrgUnit = {
  id: 'bench',
  parentId: null,
  tier: 'county',
  name: '基准县',
  path: BENCH_COUNTY,
}
const township: OrgUnit = {
  id: 't0',
  parentId: 'bench',
  tier: 'township',
  name: '乡镇0',
  path: `${BENCH_COUNTY}t0/`,
}

interface Result {
  dialect: DialectName
  issues: number
  generateMs: number
  county: { p50: number; p95: number }
  township: { p50: number; p95: number }
}

async function benchOne(
  dialect: DialectName,
  issues: number,
  adminUrl: string | null,
): Promise<Result> {
  const server = await startBenchServer(dialect, {
    kinds: kindsFor(DEFAULT_STAGE_DEADLINES),
    adminUrl,
  })
  try {
    const { db } = server.database
    const sizes = { issues, meetings: Math.round(issues / 50), forms: Math.round(issues / 20) }
    log(`${dialect} ${issues}: generating ${JSON.stringify(sizes)}…`)
    const started = performance.now()
    await insertBenchTree(db)
    await insertBenchFacts(db, dialect, sizes)
    const generateMs = Math.round(performance.now() - started)
    log(`${dialect} ${issues}: generated in ${generateMs} ms`)

    const expected = await db
      .selectFrom('supervision_fact')
      .select(sql<number>`count(*)`.as('n'))
      .where('kind', '=', 'issue')
      .where('day', '>=', period.from)
      .where('day', '<=', period.to)
      .executeTakeFirstOrThrow()
    const measure = async (unit: OrgUnit) => {
      const times: number[] = []
      for (let run = 0; run < RUNS + 2; run += 1) {
        const t0 = performance.now()
        const view = await buildView(db, unit, BENCH_COUNTY, period, TODAY)
        const ms = performance.now() - t0
        if (run >= 2 || SMOKE) times.push(ms)
        if (run === 0) {
          const areaSum = view.areas.reduce((sum, row) => sum + row.issues.received, 0)
          check(areaSum === view.total.issues.received, `${unit.id}: areas add up to the total`)
          if (unit.tier === 'county') {
            check(view.total.issues.received === Number(expected.n), 'county total equals COUNT(*)')
            check(view.areas.length === TOWNSHIPS, 'one row per township')
            check(view.departments.length === 10, 'one row per department')
          } else {
            check(view.areas.length === 10, 'one row per village')
          }
        }
      }
      return { p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)) }
    }
    const countyFigures = await measure(county)
    const townshipFigures = await measure(township)
    if (issues === Math.max(...SIZES)) await printPlans(server.database.db, dialect)
    return { dialect, issues, generateMs, county: countyFigures, township: townshipFigures }
  } finally {
    await server.close()
  }
}

async function printPlans(
  db: Parameters<typeof sliceQuery>[0],
  dialect: DialectName,
): Promise<void> {
  const queries = {
    county: sliceQuery(
      db,
      'issue',
      { column: 'township_path', value: BENCH_COUNTY, prefix: true, groupBy: 'township_path' },
      period,
    ),
    township: sliceQuery(
      db,
      'issue',
      { column: 'township_path', value: township.path, groupBy: 'village_path' },
      period,
    ),
  }
  for (const [name, query] of Object.entries(queries)) {
    const compiled = query.select(sql<number>`count(*)`.as('n')).compile()
    const explain =
      dialect === 'sqlite' ? 'explain query plan ' : 'explain (analyze, costs off, timing off) '
    const { rows } = await sql.raw(explain + inline(compiled.sql, compiled.parameters)).execute(db)
    console.log(`\nplan ${dialect} ${name} (issue facts):`)
    for (const row of rows as Array<Record<string, unknown>>) {
      const text = row.detail ?? row['QUERY PLAN']
      console.log(`  ${typeof text === 'string' ? text : JSON.stringify(row)}`)
    }
  }
}

/** The statement with its parameters written in (for EXPLAIN, which takes no bind parameters on every driver). */
function inline(text: string, parameters: readonly unknown[]): string {
  let index = 0
  return text.replace(/\?|\$\d+/g, (mark) => {
    const value = mark === '?' ? parameters[index++] : parameters[Number(mark.slice(1)) - 1]
    return typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`
  })
}

const cluster = DIALECTS.includes('postgres') ? await startPostgresCluster() : null
const results: Result[] = []
try {
  for (const dialect of DIALECTS) {
    for (const size of SIZES) results.push(await benchOne(dialect, size, cluster?.adminUrl ?? null))
  }
} finally {
  await cluster?.stop()
}
const { loadavg } = await import('node:os')
console.log(
  `\nsupervision bench — load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}, ${RUNS} runs per view, quarter ${period.label}`,
)
console.log('dialect   issues     generate_ms  county_p50  county_p95  township_p50  township_p95')
for (const r of results) {
  console.log(
    `${r.dialect.padEnd(9)} ${String(r.issues).padEnd(10)} ${String(r.generateMs).padEnd(12)} ${String(r.county.p50).padEnd(11)} ${String(r.county.p95).padEnd(11)} ${String(r.township.p50).padEnd(13)} ${r.township.p95}`,
  )
}
if (SIZES.length > 1) {
  const [small, large] = [Math.min(...SIZES), Math.max(...SIZES)]
  for (const dialect of DIALECTS) {
    const a = results.find((r) => r.dialect === dialect && r.issues === small)
    const b = results.find((r) => r.dialect === dialect && r.issues === large)
    if (a && b) {
      console.log(
        `${dialect} p95 ratio ${large}/${small}: county ${(b.county.p95 / Math.max(1, a.county.p95)).toFixed(2)}×, township ${(b.township.p95 / Math.max(1, a.township.p95)).toFixed(2)}×`,
      )
    }
  }
}
