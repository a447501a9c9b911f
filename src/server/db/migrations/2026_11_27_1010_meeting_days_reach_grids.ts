import { sql, type Kysely } from 'kysely'

/**
 * A village's discussion days reach the grid workers under it (issue #12.5):
 * the meeting kind's audience now carries the downward mark `${village}*`.
 * Days stored before this change have only the plain village path, and a
 * grid device whose cursor is past them would never hear of them, so each
 * gets the mark and one change-log entry heard by its old and new audience:
 * the next pull of every device in the village's subtree sends the day.
 * The SQL mirrors `meetingKind.audience` (a village home has depth 3, four
 * slashes); migrations never import app code.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations never import app types
export async function up(db: Kysely<any>): Promise<void> {
  const slashes = sql<number>`length(org_path) - length(replace(org_path, '/', ''))`
  const days = await db
    .selectFrom('sync_record')
    .select(['key', 'org_path'])
    .where('kind', '=', 'meeting')
    .where(slashes, '=', 4)
    .orderBy('key')
    .execute()
  const now = new Date().toISOString()
  for (const day of days) {
    const key = String(day.key)
    const home = String(day.org_path)
    const mark = `${home}*`
    const audience: Array<{ path: string }> = await db
      .selectFrom('record_audience')
      .select('path')
      .where('record_key', '=', key)
      .execute()
    const paths = audience.map((row) => row.path)
    if (paths.includes(mark)) continue
    await db.insertInto('record_audience').values({ record_key: key, path: mark }).execute()
    const { seq } = await db
      .insertInto('change_log')
      .values({ record_key: key, created_at: now })
      .returning('seq')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('change_audience')
      .values([...new Set([...paths, mark])].map((path) => ({ seq: Number(seq), path })))
      .execute()
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function down(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom('record_audience')
    .where('record_key', 'like', 'meeting:%')
    .where('path', 'like', '%*')
    .execute()
}
