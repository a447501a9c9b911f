import type { Kysely } from 'kysely'

/**
 * The supervision summary (issue #14, performance): `supervision_count` holds,
 * per record kind, unit pair and calendar month, how many facts of
 * `supervision_fact` have each measure (received, per category, reached a
 * stage, answered in N working days, …). `saveFact` keeps it exact in the
 * record's own transaction (src/server/supervision/summary.ts), so a county
 * quarter reads a few thousand summed rows instead of a quarter of a million
 * facts.
 *
 * A row is (kind, level, month, parent, child, measure, due) → n:
 * level 'township' pairs a township with a village ('' = the township
 * itself), 'village' a village with a grid, 'department' a department with
 * ''. `due` is the due date of a running stage for the `running:<stage>`
 * measures (overdue is judged on the day asked) and '' otherwise. No NULLs,
 * so the whole row is the key on both dialects.
 *
 * The next start counts it from the facts already stored (`ensureSummary`:
 * an empty summary beside summarised facts); the migration writes no rows,
 * so a backup restores into it as into any other table.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supervision_count')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('level', 'text', (col) => col.notNull())
    .addColumn('parent', 'text', (col) => col.notNull())
    .addColumn('month', 'text', (col) => col.notNull())
    .addColumn('child', 'text', (col) => col.notNull())
    .addColumn('measure', 'text', (col) => col.notNull())
    .addColumn('due', 'text', (col) => col.notNull())
    .addColumn('n', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('supervision_count_pk', [
      'kind',
      'level',
      // Month before parent: a county view reads its months' rows by range and
      // filters the townships' prefix on them (LIKE uses no index on either dialect).
      'month',
      'parent',
      'child',
      'measure',
      'due',
    ])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supervision_count').execute()
}
