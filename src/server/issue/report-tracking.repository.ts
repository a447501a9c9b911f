/**
 * The index of issue reports' tracking codes: a code's hash → the report.
 * Filled in the report's own transaction — by the public route, and by the
 * push hook for reports a grid worker captured with a receipt — and read by
 * the public lookup. The first report to claim a hash keeps it: a later
 * create naming the same hash is stored but not indexed, and is not told
 * (an answer would let an account holder test hashes without the lookup's
 * limits).
 */
import type { Kysely } from 'kysely'
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import { issueDataSchema, type IssueData } from '#shared/issue/issue.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import type { WithinPush } from '../sync/push.ts'
import { findRecord, recordKey } from '../sync/record.repository.ts'

type Db = Kysely<DatabaseSchema>

/** Indexes `codeHash` for `issueId`, unless some report holds it already. */
export async function saveIssueTracking(
  db: Db,
  codeHash: string,
  issueId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('issue_tracking')
    .values({ code_hash: codeHash, issue_id: issueId, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('code_hash').doNothing())
    .execute()
}

/** A report as the server stores it (no viewer's projection). */
export interface TrackedIssue {
  id: string
  version: number
  data: IssueData
}

/** The report a code's hash finds, or null. */
export async function findTrackedIssue(
  db: Db,
  dialect: DialectName,
  codeHash: string,
): Promise<TrackedIssue | null> {
  const tracking = await db
    .selectFrom('issue_tracking')
    .select('issue_id')
    .where('code_hash', '=', codeHash)
    .executeTakeFirst()
  if (!tracking) return null
  const row = await findRecord(db, dialect, recordKey(ISSUE_KIND, tracking.issue_id))
  if (!row) return null
  return { id: row.id, version: row.version, data: issueDataSchema.parse(JSON.parse(row.data)) }
}

/**
 * Inside a push: indexes the tracking hash of every report the push
 * created. Read back from the stored row, since the author's projection
 * (the result's record) no longer carries the hash.
 */
export const indexTrackingWithinPush: WithinPush = async (ctx, _trx, results) => {
  const now = new Date()
  for (const result of results) {
    const record = result.status === 'applied' ? result.record : null
    if (record?.kind !== ISSUE_KIND || record.version !== 1) continue
    const row = await findRecord(ctx.db, ctx.dialect, recordKey(ISSUE_KIND, record.id))
    if (!row) continue
    // The kind's schema validated the row a moment ago: a type check suffices.
    const data: unknown = JSON.parse(row.data)
    const hash =
      typeof data === 'object' && data !== null && 'trackingHash' in data
        ? data.trackingHash
        : undefined
    if (typeof hash === 'string') await saveIssueTracking(ctx.db, hash, record.id, now)
  }
}
