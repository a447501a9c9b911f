/**
 * The supervision figures of whole calendar months, read from the summary
 * (summary.ts) instead of the facts: a view sums the measures of its unit
 * pairs over the months, so its cost follows the number of units and
 * months, not of records. Overdue running stages are the `running:` rows
 * whose due date is before the day asked.
 */
import { sql, type Kysely } from 'kysely'
import { TOPIC_OUTCOMES } from '#shared/meeting/meeting.schema.ts'
import type { FormFigures, IssueFigures, MeetingFigures } from '#shared/supervision/figures.ts'
import { pathIds } from '#shared/org/org-path.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { issueFiguresOf, type ByGroup, type Slice } from './supervision.queries.ts'
import { SUMMARY_KINDS, type Level } from './summary.ts'

type Db = Kysely<DatabaseSchema>

/** The figures the summary holds, per group. */
export interface SummaryFigures {
  issues: ByGroup<IssueFigures>
  meetings: ByGroup<Omit<MeetingFigures, 'villageMonthsExpected'>>
  forms: ByGroup<FormFigures>
}

/** Where a slice of facts lies in the summary: the level, which rows, and which side is the group. */
interface SummarySlice {
  level: Level
  parent: string
  prefix: boolean
  child: string | null
  groupBy: 'parent' | 'child'
}

/** The summary rows that count the same facts as `slice` (supervision.view.ts). */
export function summarySlice(slice: Slice): SummarySlice {
  const { column, value, prefix = false, groupBy } = slice
  if (column === 'dept_path')
    return { level: 'department', parent: value, prefix, child: null, groupBy: 'parent' }
  if (column === 'township_path')
    return {
      level: 'township',
      parent: value,
      prefix,
      child: null,
      groupBy: groupBy === 'township_path' ? 'parent' : 'child',
    }
  if (column === 'village_path')
    return { level: 'village', parent: value, prefix, child: null, groupBy: 'child' }
  // A grid's facts are the village-level rows whose child it is.
  const village = `/${pathIds(value).slice(0, 3).join('/')}/`
  return { level: 'village', parent: village, prefix: false, child: value, groupBy: 'child' }
}

/** The summary rows of `slice` in `months` (benches EXPLAIN it). */
export function summaryQuery(db: Db, slice: Slice, months: readonly string[]) {
  const where = summarySlice(slice)
  let query = db
    .selectFrom('supervision_count')
    .where('kind', 'in', [...SUMMARY_KINDS])
    .where('level', '=', where.level)
    .where('month', 'in', [...months])
    .where(
      where.prefix
        ? sql<boolean>`parent like ${`${where.parent}%`}`
        : sql<boolean>`parent = ${where.parent}`,
    )
  if (where.child !== null) query = query.where('child', '=', where.child)
  return { query, grp: sql.ref(where.groupBy), where }
}

const groupOf = (value: string) => (value === '' ? null : value)

/** The issue, discussion-day and form figures of `slice` over whole `months`, judged on `today`. */
export async function summaryFigures(
  db: Db,
  slice: Slice,
  months: readonly string[],
  today: string,
): Promise<SummaryFigures> {
  const { query, grp, where } = summaryQuery(db, slice, months)
  const rows = await query
    .select(['kind', 'measure'])
    .select(sql<string>`${grp}`.as('grp'))
    .select(sql<number>`sum(n)`.as('n'))
    // '' (no due date) sorts before every date: only running stages are filtered.
    .where('due', '<', today)
    .groupBy(['kind', grp, 'measure'])
    .having(sql<boolean>`sum(n) <> 0`)
    .execute()
  const measures = new Map<string, Map<string | null, Map<string, number>>>()
  for (const row of rows) {
    const byGroup = measures.get(row.kind) ?? new Map<string | null, Map<string, number>>()
    measures.set(row.kind, byGroup)
    const group = groupOf(row.grp)
    const values = byGroup.get(group) ?? new Map<string, number>()
    byGroup.set(group, values)
    values.set(row.measure, Number(row.n))
  }
  const villageMonths = await heldVillageMonths(db, slice, months, where.level)
  const each = <T>(kind: string, build: (m: (name: string) => number, group: string | null) => T) =>
    new Map(
      [...(measures.get(kind) ?? new Map<string | null, Map<string, number>>())].map(
        ([group, values]) => [group, build((name) => values.get(name) ?? 0, group)] as const,
      ),
    )
  const histogramOf = (group: string | null) => {
    const histogram: Record<string, number> = {}
    for (const [name, n] of measures.get('issue')?.get(group) ?? [])
      if (name.startsWith('days:')) histogram[name.slice(5)] = n
    return histogram
  }
  return {
    issues: each('issue', (m, group) =>
      issueFiguresOf((name, key) => {
        if (key === undefined) return m(name)
        // A stage still running past its due date is overdue as well as one closed late.
        return m(`${name}:${key}`) + (name === 'late' ? m(`running:${key}`) : 0)
      }, histogramOf(group)),
    ),
    meetings: each('meeting', (m, group) => ({
      held: m('held'),
      cancelled: m('cancelled'),
      villageMonthsHeld: villageMonths.get(group) ?? 0,
      topics: m('topics'),
      outcomes: Object.fromEntries(
        TOPIC_OUTCOMES.map((outcome) => [outcome, m(outcome)]),
      ) as MeetingFigures['outcomes'],
      mediators: m('mediators'),
    })),
    forms: each('form', (m) => ({ collected: m('collected'), satisfied: m('satisfied') })),
  }
}

/**
 * Village-months with a day held, per group: distinct (village, month)
 * pairs whose `held` count is positive. At the township level the village
 * is the child (a day held at the township itself is no village's); at the
 * village level it is the parent.
 */
async function heldVillageMonths(
  db: Db,
  slice: Slice,
  months: readonly string[],
  level: Level,
): Promise<Map<string | null, number>> {
  const { query, grp } = summaryQuery(db, slice, months)
  let held = query
    .select(sql<string>`${grp}`.as('grp'))
    .where('kind', '=', 'meeting')
    .where('measure', '=', 'held')
    .groupBy([grp, 'parent', 'child', 'month'])
    .having(sql<boolean>`sum(n) > 0`)
  if (level === 'township') held = held.where('child', '<>', '')
  const counts = new Map<string | null, number>()
  for (const row of await held.execute()) {
    const group = groupOf(row.grp)
    counts.set(group, (counts.get(group) ?? 0) + 1)
  }
  return counts
}
