/**
 * The audit log: every admin change, with who, what, when and the target
 * before and after. `recordAudit` is the one way to write it; call it with
 * the transaction that makes the change, so the entry exists exactly when
 * the change does.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { auditEntrySchema, type AuditAction, type AuditEntry } from '#shared/admin/admin.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { AuthContext } from '../plugins/auth.ts'

type Db = Kysely<DatabaseSchema>

export interface AuditInput {
  action: AuditAction
  targetType: AuditEntry['targetType']
  targetId: string
  /** The org path the change concerns (the unit's, or the account's unit's). */
  scopePath: string
  /** The target before the change (null when created); never a password or its hash. */
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

/** Writes one audit entry for a change `auth`'s user makes now. */
export async function recordAudit(
  db: Db,
  auth: AuthContext,
  input: AuditInput,
  at = new Date(),
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      // Time first, so ids sort as the entries happened (the page cursor).
      id: `${at.toISOString()}|${randomUUID()}`,
      at: at.toISOString(),
      actor_id: auth.user.id,
      actor_name: auth.user.name,
      action: input.action,
      target_type: input.targetType,
      target_id: input.targetId,
      scope_path: input.scopePath,
      before: input.before ? JSON.stringify(input.before) : null,
      after: input.after ? JSON.stringify(input.after) : null,
    })
    .execute()
}

/** The entries inside `scopePath`, newest first, older than the cursor `before`. */
export async function listAudit(
  db: Db,
  scopePath: string,
  query: { targetId?: string; before?: string; limit: number },
): Promise<AuditEntry[]> {
  let select = db
    .selectFrom('audit_log')
    .selectAll()
    .where('scope_path', 'like', `${scopePath}%`)
    .orderBy('id', 'desc')
    .limit(query.limit)
  if (query.targetId) select = select.where('target_id', '=', query.targetId)
  if (query.before) select = select.where('id', '<', query.before)
  const rows = await select.execute()
  return rows.map((row) =>
    auditEntrySchema.parse({
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      before: row.before === null ? null : JSON.parse(row.before),
      after: row.after === null ? null : JSON.parse(row.after),
    }),
  )
}

/** Audits a change to an account; the entry's scope is the account's unit. */
export async function auditUserChange(
  db: Db,
  auth: AuthContext,
  target: { id: string; org_unit_id: string },
  action: AuditAction,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Promise<void> {
  const unit = await db
    .selectFrom('org_unit')
    .select('path')
    .where('id', '=', target.org_unit_id)
    .executeTakeFirst()
  await recordAudit(db, auth, {
    action,
    targetType: 'user',
    targetId: target.id,
    scopePath: unit?.path ?? '/',
    before,
    after,
  })
}
