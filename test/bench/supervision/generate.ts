/**
 * A bench county generated straight into the database: 30 townships × 10
 * villages × 2 grids and 10 departments in `org_unit`, and the supervision
 * projection rows (`supervision_fact`) of N issue reports, M discussion days
 * and F forms, spread over 2026 by modulo arithmetic in one INSERT … SELECT
 * per kind (a recursive CTE on SQLite, generate_series on PostgreSQL).
 * Only the projection is generated, not the records' JSON: the figures read
 * nothing else (see src/server/supervision/supervision.queries.ts).
 */
import { sql, type Insertable, type Kysely } from 'kysely'
import type { DialectName } from '#server/db/database.ts'
import type { DatabaseSchema } from '#server/db/database-schema.ts'
import type { OrgUnitTable } from '#server/org/org.table.ts'

export const BENCH_COUNTY = '/bench/'
export const TOWNSHIPS = 30
export const VILLAGES = 10
const GRIDS = 2
const DEPARTMENTS = 10

type Db = Kysely<DatabaseSchema>

export async function insertBenchTree(db: Db): Promise<void> {
  const now = new Date().toISOString()
  const rows: Array<Insertable<OrgUnitTable>> = [
    {
      id: 'bench',
      parent_id: null,
      tier: 'county',
      name: '基准县',
      path: BENCH_COUNTY,
      created_at: now,
    },
  ]
  for (let d = 0; d < DEPARTMENTS; d += 1) {
    rows.push({
      id: `d${d}`,
      parent_id: 'bench',
      tier: 'department',
      name: `部门${d}`,
      path: `${BENCH_COUNTY}d${d}/`,
      created_at: now,
    })
  }
  for (let t = 0; t < TOWNSHIPS; t += 1) {
    const township = `${BENCH_COUNTY}t${t}/`
    rows.push({
      id: `t${t}`,
      parent_id: 'bench',
      tier: 'township',
      name: `乡镇${t}`,
      path: township,
      created_at: now,
    })
    for (let v = 0; v < VILLAGES; v += 1) {
      const village = `${township}t${t}v${v}/`
      rows.push({
        id: `t${t}v${v}`,
        parent_id: `t${t}`,
        tier: 'village',
        name: `村${t}-${v}`,
        path: village,
        created_at: now,
      })
      for (let g = 0; g < GRIDS; g += 1) {
        rows.push({
          id: `t${t}v${v}g${g}`,
          parent_id: `t${t}v${v}`,
          tier: 'grid',
          name: `网格${t}-${v}-${g}`,
          path: `${village}t${t}v${v}g${g}/`,
          created_at: now,
        })
      }
    }
  }
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('org_unit')
      .values(rows.slice(i, i + 200))
      .execute()
  }
}

/** `count` rows from a series n = 0 … count-1, as each dialect writes it. */
function series(dialect: DialectName, count: number, select: string, columns: string): string {
  const day =
    dialect === 'sqlite'
      ? `date('2026-01-01', '+' || (n % 365) || ' days')`
      : `to_char(date '2026-01-01' + (n % 365)::int, 'YYYY-MM-DD')`
  const body = select.replaceAll('$DAY', day)
  return dialect === 'sqlite'
    ? `with recursive s(n) as (select 0 union all select n + 1 from s where n + 1 < ${count}) insert into supervision_fact (${columns}) select ${body} from s`
    : `insert into supervision_fact (${columns}) select ${body} from generate_series(0, ${count - 1}) as s(n)`
}

const T = `(n % ${TOWNSHIPS})`
const V = `((n / ${TOWNSHIPS}) % ${VILLAGES})`
const G = `((n / ${TOWNSHIPS * VILLAGES}) % ${GRIDS})`
const TOWNSHIP = `'${BENCH_COUNTY}t' || ${T} || '/'`
const VILLAGE = `${TOWNSHIP} || 't' || ${T} || 'v' || ${V} || '/'`
const GRID = `${VILLAGE} || 't' || ${T} || 'v' || ${V} || 'g' || ${G} || '/'`
const flag = (condition: string) => `case when ${condition} then 1 else 0 end`

export async function insertBenchFacts(
  db: Db,
  dialect: DialectName,
  sizes: { issues: number; meetings: number; forms: number },
): Promise<void> {
  const run = (statement: string) => sql.raw(statement).execute(db)
  await run(
    series(
      dialect,
      sizes.issues,
      [
        `'issue:b' || n`,
        `'issue'`,
        '$DAY',
        TOWNSHIP,
        VILLAGE,
        GRID,
        `case when n % 14 = 0 then '${BENCH_COUNTY}d' || (n % ${DEPARTMENTS}) || '/' end`,
        `case n % 3 when 0 then 'personal' when 1 then 'public_interest' else 'administrative' end`,
        `case n % 5 when 0 then 'grid_visit' when 1 then 'station' when 2 then 'online' when 3 then 'phone_call' else 'walk_in' end`,
        `case when n % 10 < 7 then 'closed' when n % 10 = 7 then 'awaiting_feedback' else 'accepted' end`,
        flag('n % 7 = 0'),
        flag('n % 14 = 0'),
        flag('n % 7 <> 0 and n % 10 < 8'),
        flag('n % 10 < 7'),
        flag('n % 20 = 0'),
        flag('n % 25 = 0'),
        `case when n % 7 = 0 then ${flag('n % 21 = 0')} end`,
        `case when n % 14 = 0 then ${flag('n % 28 = 0')} end`,
        `case when n % 10 < 8 then 0 end`,
        `case when n % 10 >= 8 then 'village' end`,
        `case when n % 10 >= 8 then $DAY end`,
        `case when n % 10 < 8 then n % 30 end`,
        `case when n % 10 < 7 then (case n % 9 when 0 then 'dissatisfied' when 1 then 'basically_satisfied' else 'satisfied' end) end`,
        `case when n % 50 = 0 then 1 else 0 end`,
      ].join(', '),
      'record_key, kind, day, township_path, village_path, grid_path, dept_path, category, channel, status, escalated, dispatched, resolved_locally, closed, stage_accept, stage_village, stage_township, stage_department, stage_feedback, open_stage, open_due, handling_days, satisfaction, reopen_count',
    ),
  )
  await run(
    series(
      dialect,
      sizes.meetings,
      [
        `'meeting:b' || n`,
        `'meeting'`,
        '$DAY',
        TOWNSHIP,
        VILLAGE,
        `case when n % 9 = 0 then 'cancelled' else 'signed_off' end`,
        '1 + n % 3',
        'n % 2',
        '(n + 1) % 2',
        'n % 4',
      ].join(', '),
      'record_key, kind, day, township_path, village_path, status, topics, agreed, resolved_topics, mediators',
    ),
  )
  await run(
    series(
      dialect,
      sizes.forms,
      [
        `'assessment_form:b' || n`,
        `'form'`,
        '$DAY',
        TOWNSHIP,
        VILLAGE,
        `'${BENCH_COUNTY}d' || (n % ${DEPARTMENTS}) || '/'`,
        `'submitted'`,
        flag('n % 4 <> 0'),
      ].join(', '),
      'record_key, kind, day, township_path, village_path, dept_path, status, form_satisfied',
    ),
  )
  await run(dialect === 'sqlite' ? 'analyze' : 'analyze supervision_fact')
}
