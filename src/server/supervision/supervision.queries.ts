/**
 * The supervision figures from the facts, the same on SQLite and PostgreSQL:
 * one GROUP BY per record kind over `supervision_fact`, grouped by the column
 * of the level below the viewed unit (township, village or grid path, or the
 * department). Sums of 0/1 columns, so both dialects count alike; rates and
 * the median are derived in TypeScript from the counts. Views read whole
 * months from the summary (summary.queries.ts) and only the days of a
 * custom period's partial months, and policies and post-evaluations, here.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { heldReportKeys } from '../livelihood/livelihood.figures.ts'
import {
  ISSUE_CATEGORIES,
  ISSUE_CHANNELS,
  ISSUE_STAGES,
  SATISFACTIONS,
} from '#shared/issue/issue.schema.ts'
import { TOPIC_OUTCOMES } from '#shared/meeting/meeting.schema.ts'
import {
  medianOf,
  type FormFigures,
  type IssueFigures,
  type LatePolicy,
  type MeetingFigures,
  type PolicyFigures,
  type PostEvaluationFigures,
} from '#shared/supervision/figures.ts'
import type { Period } from '#shared/supervision/period.ts'

/** China dates, both ends included (a period, or the part of one a month does not cover). */
export type DayRange = Pick<Period, 'from' | 'to'>
import type { DatabaseSchema } from '../db/database-schema.ts'

type Db = Kysely<DatabaseSchema>

/** The columns a view groups and filters on. */
export type GroupColumn = 'township_path' | 'village_path' | 'grid_path' | 'dept_path'

/** Which facts a view counts: `column` equals `value`, or starts with it when `prefix`. */
export interface Slice {
  column: GroupColumn
  value: string
  prefix?: boolean
  /** The column whose values are the rows (units) of the answer. */
  groupBy: GroupColumn
}

/** Figures keyed by the group column's value (null: records at no unit of that level). */
export type ByGroup<T> = Map<string | null, T>

const count = (condition: RawBuilder<unknown>) =>
  sql<number>`sum(case when ${condition} then 1 else 0 end)`
const total = (column: string) => sql<number>`sum(${sql.ref(column)})`

/** The facts of `kind` in `slice` and `period`, grouped by the slice's row column (benches EXPLAIN it). */
export function sliceQuery(db: Db, kind: string, slice: Slice, period: DayRange) {
  const column = sql.ref(slice.column)
  return db
    .selectFrom('supervision_fact')
    .select(sql<string | null>`${sql.ref(slice.groupBy)}`.as('grp'))
    .where('kind', '=', kind as 'issue')
    .where(
      slice.prefix
        ? sql<boolean>`${column} like ${`${slice.value}%`}`
        : sql<boolean>`${column} = ${slice.value}`,
    )
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .groupBy(slice.groupBy)
}

const num = (value: unknown) => Number(value ?? 0)

/** The figures of each row of a grouped query, keyed by its group. */
const byGroup = <Row extends { grp: string | null }, T>(
  rows: readonly Row[],
  figures: (row: Row) => T,
): ByGroup<T> => new Map(rows.map((row) => [row.grp ?? null, figures(row)]))

/** Issue figures per group; overdue is judged on China date `today`. */
export async function issueFigures(
  db: Db,
  slice: Slice,
  period: DayRange,
  today: string,
): Promise<ByGroup<IssueFigures>> {
  const stageColumns = ISSUE_STAGES.map((stage) => `stage_${stage}`)
  // A report held by an on-schedule livelihood item is not late at the
  // accept or village stage (#16.5, the rule of `isOverdue`).
  const held = await heldReportKeys(db, today)
  const notHeld = (stage: string) =>
    held.length > 0 && (stage === 'accept' || stage === 'village')
      ? sql`record_key not in (${sql.join(held)})`
      : sql`1 = 1`
  const rows = await sliceQuery(db, 'issue', slice, period)
    .select(sql<number>`count(*)`.as('received'))
    .select(ISSUE_CATEGORIES.map((c) => count(sql`category = ${c}`).as(`cat_${c}`)))
    .select(ISSUE_CHANNELS.map((c) => count(sql`channel = ${c}`).as(`ch_${c}`)))
    .select(SATISFACTIONS.map((s) => count(sql`satisfaction = ${s}`).as(`sat_${s}`)))
    .select([
      total('resolved_locally').as('resolved_locally'),
      total('escalated').as('escalated'),
      total('dispatched').as('dispatched'),
      total('closed').as('closed'),
      total('reopen_count').as('reopened'),
    ])
    .select(
      ISSUE_STAGES.map((stage, index) =>
        sql<number>`count(${sql.ref(stageColumns[index] ?? '')})`.as(`reached_${stage}`),
      ),
    )
    .select(
      ISSUE_STAGES.map((stage, index) =>
        count(
          sql`${sql.ref(stageColumns[index] ?? '')} = 1 or (open_stage = ${stage} and open_due < ${today} and ${notHeld(stage)})`,
        ).as(`late_${stage}`),
      ),
    )
    .execute()
  const histograms = await handlingHistograms(db, slice, period)
  return byGroup(
    rows as unknown as Array<Record<string, unknown> & { grp: string | null }>,
    (row) =>
      issueFiguresOf(
        (name, key) => num(row[key === undefined ? name : `${name}_${key}`]),
        histograms.get(row.grp ?? null) ?? {},
      ),
  )
}

/**
 * One group's issue figures from its counts: `count(name)` for a plain one
 * (`received`, `closed`…), `count(name, key)` for one per category (`cat`),
 * channel (`ch`), satisfaction (`sat`), stage reached (`reached`) or stage
 * overdue (`late`). The facts and the summary name their counts alike.
 */
export function issueFiguresOf(
  count: (name: string, key?: string) => number,
  histogram: Record<string, number>,
): IssueFigures {
  const per = <K extends string>(keys: readonly K[], name: string) =>
    Object.fromEntries(keys.map((key) => [key, count(name, key)])) as Record<K, number>
  return {
    received: count('received'),
    byCategory: per(ISSUE_CATEGORIES, 'cat'),
    byChannel: per(ISSUE_CHANNELS, 'ch'),
    resolvedLocally: count('resolved_locally'),
    escalated: count('escalated'),
    dispatched: count('dispatched'),
    closed: count('closed'),
    reopened: count('reopened'),
    satisfaction: per(SATISFACTIONS, 'sat'),
    overdue: Object.fromEntries(
      ISSUE_STAGES.map((stage) => [
        stage,
        { reached: count('reached', stage), overdue: count('late', stage) },
      ]),
    ) as IssueFigures['overdue'],
    medianHandlingDays: medianOf(histogram),
    handlingHistogram: histogram,
  }
}

/** Answered matters per group by working days taken. */
async function handlingHistograms(
  db: Db,
  slice: Slice,
  period: DayRange,
): Promise<ByGroup<Record<string, number>>> {
  const rows = await sliceQuery(db, 'issue', slice, period)
    .select('handling_days')
    .select(sql<number>`count(*)`.as('n'))
    .where('handling_days', 'is not', null)
    .groupBy('handling_days')
    .execute()
  const byGroup: ByGroup<Record<string, number>> = new Map()
  for (const row of rows) {
    const group = row.grp ?? null
    const histogram = byGroup.get(group) ?? {}
    histogram[String(row.handling_days)] = num(row.n)
    byGroup.set(group, histogram)
  }
  return byGroup
}

/** Discussion-day figures per group (expected village-months are the caller's). */
export async function meetingFigures(
  db: Db,
  slice: Slice,
  period: DayRange,
): Promise<ByGroup<Omit<MeetingFigures, 'villageMonthsExpected'>>> {
  const held = sql`status in ('held', 'signed_off')`
  const heldSum = (column: string) =>
    sql<number>`sum(case when ${held} then ${sql.ref(column)} else 0 end)`
  const rows = await sliceQuery(db, 'meeting', slice, period)
    .select([
      count(held).as('held'),
      count(sql`status = 'cancelled'`).as('cancelled'),
      sql<number>`count(distinct case when ${held} then village_path || '|' || substr(day, 1, 7) end)`.as(
        'village_months',
      ),
      heldSum('topics').as('topics'),
      heldSum('agreed').as('agreed'),
      heldSum('resolved_topics').as('resolved'),
      heldSum('escalated_topics').as('escalated'),
      heldSum('deferred_topics').as('deferred'),
      heldSum('mediators').as('mediators'),
    ])
    .execute()
  return byGroup(rows, (row) => ({
    held: num(row.held),
    cancelled: num(row.cancelled),
    villageMonthsHeld: num(row.village_months),
    topics: num(row.topics),
    outcomes: Object.fromEntries(
      TOPIC_OUTCOMES.map((outcome) => [outcome, num(row[outcome])]),
    ) as MeetingFigures['outcomes'],
    mediators: num(row.mediators),
  }))
}

/** Assessment-form figures per group (withdrawn forms do not count). */
export async function formFigures(
  db: Db,
  slice: Slice,
  period: DayRange,
): Promise<ByGroup<FormFigures>> {
  const rows = await sliceQuery(db, 'form', slice, period)
    .where('status', '=', 'submitted')
    .select([sql<number>`count(*)`.as('collected'), total('form_satisfied').as('satisfied')])
    .execute()
  return byGroup(rows, (row) => ({ collected: num(row.collected), satisfied: num(row.satisfied) }))
}

/** Policy-interpretation figures per group, judged on `today`. */
export async function policyFigures(
  db: Db,
  slice: Slice,
  period: DayRange,
  today: string,
): Promise<ByGroup<PolicyFigures>> {
  const rows = await sliceQuery(db, 'policy', slice, period)
    .select([
      sql<number>`count(*)`.as('issued'),
      count(sql`status = 'on_time'`).as('on_time'),
      count(sql`status = 'late'`).as('late'),
      count(sql`status = 'pending' and open_due < ${today}`).as('overdue'),
      count(sql`status = 'pending' and open_due >= ${today}`).as('pending'),
    ])
    .execute()
  return byGroup(rows, (row) => ({
    issued: num(row.issued),
    onTime: num(row.on_time),
    late: num(row.late),
    overdue: num(row.overdue),
    pending: num(row.pending),
  }))
}

/** Post-evaluation figures per group. */
export async function postEvaluationFigures(
  db: Db,
  slice: Slice,
  period: DayRange,
): Promise<ByGroup<PostEvaluationFigures>> {
  const rows = await sliceQuery(db, 'post_evaluation', slice, period)
    .select([sql<number>`count(*)`.as('opened'), count(sql`status = 'concluded'`).as('concluded')])
    .execute()
  return byGroup(rows, (row) => ({ opened: num(row.opened), concluded: num(row.concluded) }))
}

/** Policies of the slice interpreted late, or past their deadline with none, oldest first. */
export async function latePolicies(
  db: Db,
  slice: Omit<Slice, 'groupBy'>,
  period: DayRange,
  today: string,
  departmentName: (path: string | null) => string,
): Promise<LatePolicy[]> {
  const rows = await sliceQuery(db, 'policy', { ...slice, groupBy: 'dept_path' }, period)
    .clearSelect()
    .clearGroupBy()
    .select(['title', 'dept_path', 'open_due', 'status'])
    .where(sql<boolean>`(status = 'late' or (status = 'pending' and open_due < ${today}))`)
    .orderBy('open_due')
    .limit(200)
    .execute()
  return rows.map((row) => ({
    title: row.title ?? '',
    department: departmentName(row.dept_path),
    deadline: row.open_due ?? '',
    status: row.status === 'late' ? 'late' : 'overdue',
  }))
}
