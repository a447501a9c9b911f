/**
 * Supervision benchmark (issue #14.2): `npm run bench:supervision` prints
 * figures on stdout (progress on stderr); nothing asserts a time. A county of
 * 30 townships / 300 villages with 1,000,000 issue reports, 20,000 discussion
 * days and 50,000 forms (and the same at a tenth, for the ratio) is generated
 * into a fresh database per dialect (./generate.ts: the facts by bulk SQL,
 * then the summary counted from them by `rebuildSummary`, the start-up
 * build); then the county's quarter view and a township's drill-down are
 * built (`buildView`, the code behind GET /api/supervision) 20 times each:
 * p50 / p95, and the query plans. Once per view, in the same run, the view
 * counted from the facts alone (the way before the summary) is timed too.
 * Correctness checks fail the run: the view's total equals a plain COUNT,
 * the areas add up to the total, and the summary's view equals the view
 * counted from the facts.
 *
 * BENCH_SIZES=100000,1000000 (default) chooses the issue counts (days and
 * forms scale with them); BENCH_SMOKE=1 runs 2,000 on both dialects, 3 times.
 */
import { isDeepStrictEqual } from 'node:util'
import { sql } from 'kysely'
import { buildView } from '#server/supervision/supervision.view.ts'
import { sliceQuery } from '#server/supervision/supervision.queries.ts'
import { summaryQuery } from '#server/supervision/summary.queries.ts'
import { rebuildSummary } from '#server/supervision/summary.ts'
import { kindsFor } from '#server/sync/kinds.ts'
import { DEFAULT_STAGE_DEADLINES } from '#shared/issue/issue.deadlines.ts'
import { resolvePeriod, type Period } from '#shared/supervision/period.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import type { DialectName } from '#server/db/database.ts'
import { startBenchServer, startPostgresCluster } from '../support/bench-server.ts'
import { BENCH_COUNTY, insertBenchFacts, insertBenchTree, TOWNSHIPS } from './generate.ts'

const SMOKE = process.env.BENCH_SMOKE === '1'
const SIZES = SMOKE ? [2_000] : (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number)
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
  summaryMs: number
  summaryRows: number
  county: Timing
  township: Timing
}

interface Timing {
  p50: number
  p95: number
  /** One build of the same view counted from the facts alone (no summary). */
  facts: number
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
    const summaryStarted = performance.now()
    const summaryRows = await rebuildSummary(db, dialect)
    await sql.raw(dialect === 'sqlite' ? 'analyze' : 'analyze supervision_count').execute(db)
    const summaryMs = Math.round(performance.now() - summaryStarted)
    log(
      `${dialect} ${issues}: facts in ${generateMs} ms, summary (${summaryRows} rows) in ${summaryMs} ms`,
    )

    const expected = await db
      .selectFrom('supervision_fact')
      .select(sql<number>`count(*)`.as('n'))
      .where('kind', '=', 'issue')
      .where('day', '>=', period.from)
      .where('day', '<=', period.to)
      .executeTakeFirstOrThrow()
    const measure = async (unit: OrgUnit): Promise<Timing> => {
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
      const t0 = performance.now()
      const fromFacts = await buildView(db, unit, BENCH_COUNTY, period, TODAY, 'facts')
      const facts = Math.round(performance.now() - t0)
      const view = await buildView(db, unit, BENCH_COUNTY, period, TODAY)
      check(isDeepStrictEqual(view, fromFacts), `${unit.id}: the summary's view equals the facts'`)
      return {
        p50: Math.round(percentile(times, 50)),
        p95: Math.round(percentile(times, 95)),
        facts,
      }
    }
    const countyFigures = await measure(county)
    const townshipFigures = await measure(township)
    if (issues === Math.max(...SIZES)) await printPlans(server.database.db, dialect)
    return {
      dialect,
      issues,
      generateMs,
      summaryMs,
      summaryRows,
      county: countyFigures,
      township: townshipFigures,
    }
  } finally {
    await server.close()
  }
}

async function printPlans(
  db: Parameters<typeof sliceQuery>[0],
  dialect: DialectName,
): Promise<void> {
  const countySlice = {
    column: 'township_path',
    value: BENCH_COUNTY,
    prefix: true,
    groupBy: 'township_path',
  } as const
  const townshipSlice = {
    column: 'township_path',
    value: township.path,
    groupBy: 'village_path',
  } as const
  const summed = (slice: Parameters<typeof summaryQuery>[1]) => {
    const { query, grp } = summaryQuery(db, slice, period.months)
    return query
      .select(['kind', 'measure', sql<number>`sum(n)`.as('n')])
      .where('due', '<', TODAY)
      .groupBy(['kind', grp, 'measure'])
  }
  const queries = {
    'county (summary)': summed(countySlice),
    'township (summary)': summed(townshipSlice),
    "county (issue facts, a custom period's partial month)": sliceQuery(db, 'issue', countySlice, {
      from: '2026-04-10',
      to: '2026-04-30',
    }).select(sql<number>`count(*)`.as('n')),
  }
  for (const [name, query] of Object.entries(queries)) {
    const compiled = query.compile()
    const explain =
      dialect === 'sqlite' ? 'explain query plan ' : 'explain (analyze, costs off, timing off) '
    const { rows } = await sql.raw(explain + inline(compiled.sql, compiled.parameters)).execute(db)
    console.log(`\nplan ${dialect} ${name}:`)
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
const columns: Array<[string, (r: Result) => number | string]> = [
  ['dialect', (r) => r.dialect],
  ['issues', (r) => r.issues],
  ['facts_ms', (r) => r.generateMs],
  ['summary_ms', (r) => r.summaryMs],
  ['summary_rows', (r) => r.summaryRows],
  ['county_p50', (r) => r.county.p50],
  ['county_p95', (r) => r.county.p95],
  ['county_facts', (r) => r.county.facts],
  ['township_p50', (r) => r.township.p50],
  ['township_p95', (r) => r.township.p95],
  ['township_facts', (r) => r.township.facts],
]
console.log(columns.map(([name]) => name.padEnd(14)).join(''))
for (const r of results) console.log(columns.map(([, of]) => String(of(r)).padEnd(14)).join(''))
console.log('(*_facts: one build of the same view counted from the facts alone, in ms)')
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
