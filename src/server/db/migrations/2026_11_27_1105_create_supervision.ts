import type { Kysely } from 'kysely'

/**
 * Supervision (督导考核, issue #14.2). `supervision_fact` is a projection of
 * the synced records the figures count: one row per issue report, discussion
 * day, assessment form, policy and post-evaluation, with the facts the
 * figures group and filter on as plain columns (the home's township, village
 * and grid paths, the department, the day it counts on). It is written with
 * the record (sync/record.repository.ts `saveRecord`), so the figures are
 * indexed GROUP BYs instead of JSON walks over a million records.
 * `supervision_standard` holds the county's indicator weights and targets
 * (考核指标, 评分标准) and the commend/notify thresholds.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supervision_fact')
    .addColumn('record_key', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    /** China date 'YYYY-MM-DD' the record counts on in a period. */
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('township_path', 'text')
    .addColumn('village_path', 'text')
    .addColumn('grid_path', 'text')
    .addColumn('dept_path', 'text')
    .addColumn('category', 'text')
    .addColumn('channel', 'text')
    .addColumn('status', 'text')
    .addColumn('title', 'text')
    .addColumn('escalated', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('dispatched', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('resolved_locally', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('closed', 'integer', (col) => col.notNull().defaultTo(0))
    /** Per stage: null not reached, 0 in time (so far), 1 ended late. */
    .addColumn('stage_accept', 'integer')
    .addColumn('stage_village', 'integer')
    .addColumn('stage_township', 'integer')
    .addColumn('stage_department', 'integer')
    .addColumn('stage_feedback', 'integer')
    /** The stage whose clock runs now and its due date (overdue is judged at query time). */
    .addColumn('open_stage', 'text')
    .addColumn('open_due', 'text')
    .addColumn('handling_days', 'integer')
    .addColumn('satisfaction', 'text')
    .addColumn('reopen_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('topics', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('agreed', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('resolved_topics', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('escalated_topics', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('deferred_topics', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('mediators', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('form_satisfied', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  for (const [name, columns] of [
    ['supervision_fact_township_idx', ['kind', 'township_path', 'day']],
    ['supervision_fact_village_idx', ['kind', 'village_path', 'day']],
    ['supervision_fact_grid_idx', ['kind', 'grid_path', 'day']],
    ['supervision_fact_dept_idx', ['kind', 'dept_path', 'day']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('supervision_fact')
      .columns([...columns])
      .execute()
  }
  await db.schema
    .createTable('supervision_standard')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'real', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by_name', 'text', (col) => col.notNull())
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supervision_standard').execute()
  await db.schema.dropTable('supervision_fact').execute()
}
