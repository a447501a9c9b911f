/**
 * The supervision summary (migration 2026_11_27_1200_create_supervision_count):
 * per kind, unit pair and month, how many facts have each measure. A fact's
 * measures are listed once, here (`measuresOf`); `saveFact` applies the
 * change of a record's fact as increments and decrements in the record's
 * transaction, and `rebuildSummary` counts them afresh from the facts. Both
 * go through the same list, so the summary always equals a recount.
 *
 * Issue reports, discussion days and forms are summarised; policies and
 * post-evaluations are a few hundred a year and are counted from the facts.
 */
import { sql, type Kysely, type Selectable } from 'kysely'
import { ISSUE_STAGES } from '#shared/issue/issue.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import type { FactRow } from './facts.ts'
import type { SupervisionCountTable, SupervisionFactTable } from './supervision.table.ts'

type Db = Kysely<DatabaseSchema>
export type Fact = Selectable<SupervisionFactTable>
export type CountRow = SupervisionCountTable

/** The kinds the summary counts. */
export const SUMMARY_KINDS = ['issue', 'meeting', 'form'] as const

/**
 * The unit pairs a fact is counted under: a township with its village, a
 * village with its grid ('' when the record sits at the upper unit itself),
 * and a department. A view of a unit reads the level whose parent or child
 * it is (summary.queries.ts).
 */
export const LEVELS = {
  township: (f: Fact) => [f.township_path, f.village_path],
  village: (f: Fact) => [f.village_path, f.grid_path],
  department: (f: Fact) => [f.dept_path, null],
} as const satisfies Record<string, (fact: Fact) => [string | null, string | null]>
export type Level = keyof typeof LEVELS

/** One measure of a fact: its name, the due date of a running stage ('' otherwise), how many. */
export type Measure = [measure: string, due: string, n: number]

const HELD = new Set(['held', 'signed_off'])

/**
 * What a fact adds to the summary. Issue: `received`, `cat:`/`ch:`/`sat:`
 * values, the 0/1 flags, `reached:`/`late:` per stage, `running:<stage>` on
 * its due date (counted as overdue when the day asked is past it, unless the
 * stage already ended late once), `days:<n>` working days to the first
 * answer. Discussion day: held or cancelled, and the topics, outcomes and
 * mediators of the days held. Form: collected and satisfied, submitted only.
 */
export function measuresOf(f: Fact): Measure[] {
  const out: Measure[] = []
  const add = (measure: string, n: number | null, due = '') => {
    if (n) out.push([measure, due, n])
  }
  switch (f.kind) {
    case 'issue': {
      add('received', 1)
      if (f.category) add(`cat:${f.category}`, 1)
      if (f.channel) add(`ch:${f.channel}`, 1)
      if (f.satisfaction) add(`sat:${f.satisfaction}`, 1)
      add('resolved_locally', f.resolved_locally)
      add('escalated', f.escalated)
      add('dispatched', f.dispatched)
      add('closed', f.closed)
      add('reopened', f.reopen_count)
      for (const stage of ISSUE_STAGES) {
        const late = f[`stage_${stage}`]
        if (late !== null) add(`reached:${stage}`, 1)
        if (late === 1) add(`late:${stage}`, 1)
        else if (f.open_stage === stage && f.open_due) add(`running:${stage}`, 1, f.open_due)
      }
      if (f.handling_days !== null) add(`days:${f.handling_days}`, 1)
      break
    }
    case 'meeting':
      if (f.status === 'cancelled') add('cancelled', 1)
      if (f.status !== null && HELD.has(f.status)) {
        add('held', 1)
        add('topics', f.topics)
        add('agreed', f.agreed)
        add('resolved', f.resolved_topics)
        add('escalated', f.escalated_topics)
        add('deferred', f.deferred_topics)
        add('mediators', f.mediators)
      }
      break
    case 'form':
      if (f.status === 'submitted') {
        add('collected', 1)
        add('satisfied', f.form_satisfied)
      }
      break
  }
  return out
}

/**
 * Calls `emit` with the key of each summary row a fact counts in and how
 * many it adds there (the rebuild's tight loop, so no row objects).
 */
function eachCount(fact: Fact, emit: (key: string, n: number) => void): void {
  if (!(SUMMARY_KINDS as readonly string[]).includes(fact.kind)) return
  const measures = measuresOf(fact)
  const month = fact.day.slice(0, 7)
  for (const [level, pair] of Object.entries(LEVELS)) {
    const [parent, child] = pair(fact)
    if (parent === null) continue
    const unit = [fact.kind, level, month, parent, child ?? ''].join(SEP)
    for (const [measure, due, n] of measures) emit(`${unit}${SEP}${measure}${SEP}${due}`, n)
  }
}

/** The summary rows a fact adds (`sign` 1) or takes away (`sign` -1). */
export function countsOf(fact: Fact | undefined, sign: 1 | -1): CountRow[] {
  const rows: CountRow[] = []
  if (fact) eachCount(fact, (key, n) => rows.push(rowOf(key, sign * n)))
  return rows
}

/** Key columns in primary-key order; a key is their values joined by SEP (no path holds it). */
const KEY = ['kind', 'level', 'month', 'parent', 'child', 'measure', 'due'] as const
const SEP = '\u0000'
const keyOf = (row: CountRow) => KEY.map((column) => row[column]).join(SEP)

function rowOf(key: string, n: number): CountRow {
  const [kind = '', level = '', month = '', parent = '', child = '', measure = '', due = ''] =
    key.split(SEP)
  return { kind, level, month, parent, child, measure, due, n }
}

/** Adds rows with the same key together, drops the ones that cancel out, in key order. */
export function mergeCounts(rows: Iterable<CountRow>): CountRow[] {
  const byKey = new Map<string, CountRow>()
  for (const row of rows) {
    const key = keyOf(row)
    const seen = byKey.get(key)
    if (seen) seen.n += row.n
    else byKey.set(key, { ...row })
  }
  return [...byKey.entries()]
    .filter(([, row]) => row.n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row)
}

const CHUNK = 500

/**
 * Adds signed counts to the summary: one upsert per chunk that adds to the
 * stored n (ON CONFLICT … DO UPDATE, atomic per row on both dialects, so
 * parallel pushes into the same unit-month lose no increment). Rows are in
 * key order, so two transactions lock shared rows in the same order.
 */
export async function applyCounts(db: Db, rows: Iterable<CountRow>): Promise<void> {
  const merged = mergeCounts(rows)
  for (let i = 0; i < merged.length; i += CHUNK) {
    await db
      .insertInto('supervision_count')
      .values(merged.slice(i, i + CHUNK))
      .onConflict((conflict) =>
        conflict
          .columns([...KEY])
          .doUpdateSet({ n: sql<number>`supervision_count.n + excluded.n` }),
      )
      .execute()
  }
}

/** Null and zero for every column a fact row may leave out. */
export function completeFact(row: FactRow): Fact {
  return {
    township_path: null,
    village_path: null,
    grid_path: null,
    dept_path: null,
    category: null,
    channel: null,
    status: null,
    title: null,
    escalated: 0,
    dispatched: 0,
    resolved_locally: 0,
    closed: 0,
    stage_accept: null,
    stage_village: null,
    stage_township: null,
    stage_department: null,
    stage_feedback: null,
    open_stage: null,
    open_due: null,
    handling_days: null,
    satisfaction: null,
    reopen_count: 0,
    topics: 0,
    agreed: 0,
    resolved_topics: 0,
    escalated_topics: 0,
    deferred_topics: 0,
    mediators: 0,
    form_satisfied: 0,
    ...row,
  }
}

const PAGE = 5000
/** Rows per INSERT of a rebuild: 8 parameters each, under SQLite's 32,766. */
const BULK = 2000

/**
 * Counts the whole summary afresh from the facts, in one transaction (on
 * PostgreSQL with the table locked against concurrent increments, which
 * wait and then apply on top). Returns the number of summary rows.
 */
export async function rebuildSummary(db: Db, dialect: DialectName): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres')
      await sql`lock table supervision_count in share row exclusive mode`.execute(trx)
    await trx.deleteFrom('supervision_count').execute()
    const totals = new Map<string, number>()
    const add = (key: string, n: number) => totals.set(key, (totals.get(key) ?? 0) + n)
    let after = ''
    for (;;) {
      const facts = await trx
        .selectFrom('supervision_fact')
        .selectAll()
        // By key alone, so both dialects walk the primary key: a filter on
        // kind lets SQLite pick a kind index and sort every page afresh.
        .where('record_key', '>', after)
        .orderBy('record_key')
        .limit(PAGE)
        .execute()
      const last = facts.at(-1)
      if (!last) break
      after = last.record_key
      for (const fact of facts) eachCount(fact, add)
    }
    const rows = [...totals].map(([key, n]) => rowOf(key, n))
    for (let i = 0; i < rows.length; i += BULK) {
      await trx
        .insertInto('supervision_count')
        .values(rows.slice(i, i + BULK))
        .execute()
    }
    return rows.length
  })
}

/**
 * At start-up: counts the summary from the facts when it is empty beside
 * facts it summarises (the first start after its migration, or a restore of
 * a backup taken before it); a no-op afterwards. Servers of the previous
 * version must be stopped first: they write facts without counts.
 */
export async function ensureSummary(db: Db, dialect: DialectName): Promise<boolean> {
  const counted = await db.selectFrom('supervision_count').select('n').limit(1).executeTakeFirst()
  if (counted) return false
  const fact = await db
    .selectFrom('supervision_fact')
    .select('record_key')
    .where('kind', 'in', [...SUMMARY_KINDS])
    .limit(1)
    .executeTakeFirst()
  if (!fact) return false
  await rebuildSummary(db, dialect)
  return true
}
