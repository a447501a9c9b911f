/**
 * The supervision projection: from a stored record, the one row of facts the
 * figures count (see the migration 2026_11_27_1105_create_supervision). Pure;
 * `saveFact` writes it with the record, `backfillFacts` for records stored
 * before the projection existed.
 */
import type { Insertable, Kysely } from 'kysely'
import { chinaDate, workingDaysBetween } from '#shared/calendar/working-days.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { FORM_KIND, POST_EVALUATION_KIND } from '#shared/assessment/assessment.kind.ts'
import type { FormData, PostEvaluationData } from '#shared/assessment/assessment.schema.ts'
import { SATISFIED_FROM } from '#shared/assessment/assessment.schema.ts'
import {
  DEFAULT_STAGE_DEADLINES,
  stageDeadline,
  STATUS_STAGE,
} from '#shared/issue/issue.deadlines.ts'
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import type { IssueData, IssueStage, StageDeadline } from '#shared/issue/issue.schema.ts'
import { MEETING_KIND, type MeetingData } from '#shared/meeting/meeting.schema.ts'
import { interpretationStatus } from '#shared/policy/interpretation.ts'
import { POLICY_KIND } from '#shared/policy/policy.kind.ts'
import type { PolicyData } from '#shared/policy/policy.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { SupervisionFactTable } from './supervision.table.ts'
import { applyCounts, completeFact, countsOf } from './summary.ts'

export type FactRow = Insertable<SupervisionFactTable>

/** The record kinds that have facts; campaigns count through their forms. */
export const FACT_KINDS: readonly string[] = [
  ISSUE_KIND,
  MEETING_KIND,
  FORM_KIND,
  POLICY_KIND,
  POST_EVALUATION_KIND,
]

/** The ancestor paths of `path` at the township, village and grid depths. */
export function homePaths(path: string) {
  const ids = pathIds(path)
  const prefix = (depth: number) =>
    ids.length >= depth ? `/${ids.slice(0, depth).join('/')}/` : null
  return { township_path: prefix(2), village_path: prefix(3), grid_path: prefix(4) }
}

const NO_HOME = { township_path: null, village_path: null, grid_path: null }

/** The facts of a record, or null for a kind the figures do not count. */
export function factOf(kind: string, key: string, data: Record<string, unknown>): FactRow | null {
  switch (kind) {
    case ISSUE_KIND:
      return issueFact(key, data as unknown as IssueData)
    case MEETING_KIND:
      return meetingFact(key, data as unknown as MeetingData)
    case FORM_KIND:
      return formFact(key, data as unknown as FormData)
    case POLICY_KIND:
      return policyFact(key, data as unknown as PolicyData)
    case POST_EVALUATION_KIND:
      return postEvaluationFact(key, data as unknown as PostEvaluationData)
    default:
      return null
  }
}

const STAGE_COLUMN = {
  accept: 'stage_accept',
  village: 'stage_village',
  township: 'stage_township',
  department: 'stage_department',
  feedback: 'stage_feedback',
} as const satisfies Record<IssueStage, keyof FactRow>

/**
 * Walks the ledger: each stage reached, whether any of its runs ended after
 * its due date, the stage running now with its due date, and the working
 * days from receipt to the first answer (the handling time).
 */
function issueFact(key: string, data: IssueData): FactRow {
  const received = chinaDate(data.createdAt)
  const stages: Partial<Record<IssueStage, number>> = {}
  let running: { stage: IssueStage; due: string } | null = null
  let firstAnswer: string | null = null
  for (const event of data.events) {
    const on = chinaDate(event.at)
    const stage = STATUS_STAGE[event.toStatus]
    if (running && running.stage !== stage) {
      if (on > running.due) stages[running.stage] = 1
      running = null
    }
    if (stage && !running) {
      const stored: StageDeadline | undefined = data.deadlines[stage]
      const due: string =
        stored?.startedOn === on
          ? stored.due
          : stageDeadline(stage, on, DEFAULT_STAGE_DEADLINES).due
      running = { stage, due }
      stages[stage] ??= 0
    }
    if (event.toStatus === 'awaiting_feedback' && firstAnswer === null) firstAnswer = on
  }
  const row: FactRow = {
    record_key: key,
    kind: 'issue',
    day: received,
    ...homePaths(data.orgPath),
    dept_path: data.assignedDepartment,
    category: data.category,
    channel: data.channel,
    status: data.status,
    escalated: data.escalatedToTownship !== null ? 1 : 0,
    dispatched: data.events.some((event) => event.action === 'dispatch') ? 1 : 0,
    resolved_locally:
      data.escalatedToTownship === null && data.resolution?.tier === 'village' ? 1 : 0,
    closed: data.status === 'closed' ? 1 : 0,
    open_stage: running?.stage ?? null,
    open_due: running?.due ?? null,
    handling_days: firstAnswer === null ? null : workingDaysBetween(received, firstAnswer).days,
    satisfaction: data.feedback?.satisfaction ?? null,
    reopen_count: data.reopenCount,
  }
  for (const [stage, late] of Object.entries(stages) as Array<[IssueStage, number]>) {
    row[STAGE_COLUMN[stage]] = late
  }
  return row
}

function meetingFact(key: string, data: MeetingData): FactRow {
  const count = (outcome: string) => data.topics.filter((topic) => topic.outcome === outcome).length
  return {
    record_key: key,
    kind: 'meeting',
    day: data.date,
    ...homePaths(data.orgPath),
    status: data.status,
    topics: data.topics.length,
    agreed: count('agreed'),
    resolved_topics: count('resolved'),
    escalated_topics: count('escalated'),
    deferred_topics: count('deferred'),
    mediators: data.mediators.length,
  }
}

function formFact(key: string, data: FormData): FactRow {
  return {
    record_key: key,
    kind: 'form',
    day: chinaDate(data.submittedAt),
    ...homePaths(data.villagePath),
    dept_path: data.issuingDepartment,
    status: data.status,
    form_satisfied: data.scores.satisfaction >= SATISFIED_FROM ? 1 : 0,
  }
}

function policyFact(key: string, data: PolicyData): FactRow {
  const status = interpretationStatus(data, '0000-00-00')
  return {
    record_key: key,
    kind: 'policy',
    day: data.issueDate,
    ...NO_HOME,
    dept_path: data.issuingDepartment,
    title: data.title,
    // 'pending' here: whether it is overdue is judged against the day asked.
    status,
    open_due: data.interpretationDeadline.date,
  }
}

function postEvaluationFact(key: string, data: PostEvaluationData): FactRow {
  return {
    record_key: key,
    kind: 'post_evaluation',
    day: chinaDate(data.openedAt),
    ...NO_HOME,
    dept_path: data.issuingDepartment,
    title: data.policyTitle,
    status: data.status,
  }
}

type Db = Kysely<DatabaseSchema>

/**
 * The facts of a record, or null. The kind's schema has already accepted the
 * record; one the projection cannot read (a test kind reusing a name) is left
 * out of the figures rather than refused.
 */
function readableFact(kind: string, key: string, data: Record<string, unknown>): FactRow | null {
  try {
    return factOf(kind, key, data)
  } catch {
    return null
  }
}

/** Writes (or replaces) the facts of a record, when its kind has any, and moves the summary with them. */
export async function saveFact(
  db: Db,
  kind: string,
  key: string,
  data: Record<string, unknown>,
): Promise<boolean> {
  const fact = readableFact(kind, key, data)
  if (!fact) return false
  const previous = await db
    .deleteFrom('supervision_fact')
    .where('record_key', '=', key)
    .returningAll()
    .executeTakeFirst()
  await db.insertInto('supervision_fact').values(fact).execute()
  // The summary moves with the fact: what the old one counted comes off,
  // the new one's counts go on (only the measures that changed are written).
  await applyCounts(db, [...countsOf(previous, -1), ...countsOf(completeFact(fact), 1)])
  return true
}

/** Facts per statement: about 40 columns each, well under SQLite's 32,766 parameters. */
const FACTS_PER_INSERT = 200

/**
 * `saveFact` for many records in one go (a batch of new records,
 * sync/record-batch.ts): one delete and a few inserts instead of three
 * statements per record, and one summary update for the whole batch.
 */
export async function saveFacts(
  db: Db,
  records: readonly { kind: string; key: string; data: Record<string, unknown> }[],
): Promise<void> {
  const facts = records.flatMap(({ kind, key, data }) => readableFact(kind, key, data) ?? [])
  if (facts.length === 0) return
  const previous = []
  for (let at = 0; at < facts.length; at += FACTS_PER_INSERT) {
    const keys = facts.slice(at, at + FACTS_PER_INSERT).map((fact) => fact.record_key)
    previous.push(
      ...(await db
        .deleteFrom('supervision_fact')
        .where('record_key', 'in', keys)
        .returningAll()
        .execute()),
    )
  }
  // Facts with the same columns share a statement, so a column a fact leaves
  // out takes the table's default exactly as in `saveFact`.
  const byColumns = new Map<string, FactRow[]>()
  for (const fact of facts) {
    const columns = Object.keys(fact).sort().join()
    const group = byColumns.get(columns)
    if (group) group.push(fact)
    else byColumns.set(columns, [fact])
  }
  for (const group of byColumns.values()) {
    for (let at = 0; at < group.length; at += FACTS_PER_INSERT) {
      await db
        .insertInto('supervision_fact')
        .values(group.slice(at, at + FACTS_PER_INSERT))
        .execute()
    }
  }
  await applyCounts(db, [
    ...previous.flatMap((row) => countsOf(row, -1)),
    ...facts.flatMap((fact) => countsOf(completeFact(fact), 1)),
  ])
}

/**
 * Facts for every counted record that has none (records stored before the
 * projection existed); a few hundred at a time, so a large county's first
 * start after the upgrade holds no long lock. Returns how many it wrote.
 */
export async function backfillFacts(db: Db): Promise<number> {
  let written = 0
  // Walk by key: a record the projection cannot read gets no fact and would
  // otherwise be fetched again and again, holding the server's start forever.
  let after = ''
  for (;;) {
    const rows = await db
      .selectFrom('sync_record as r')
      .leftJoin('supervision_fact as f', 'f.record_key', 'r.key')
      .select(['r.key', 'r.kind', 'r.data'])
      .where('r.kind', 'in', FACT_KINDS)
      .where('f.record_key', 'is', null)
      .where('r.key', '>', after)
      .orderBy('r.key')
      .limit(500)
      .execute()
    const last = rows.at(-1)
    if (!last) return written
    after = last.key
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const data = JSON.parse(row.data) as Record<string, unknown>
        if (await saveFact(trx, row.kind, row.key, data)) written += 1
      }
    })
  }
}
