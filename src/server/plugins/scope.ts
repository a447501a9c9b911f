/**
 * The one place where the server decides what a user may do and where.
 * Every route that reads or writes data calls these before touching it.
 *
 * Rules: a user acts only inside their org unit's subtree; a department user's
 * subtree is the department itself (matters reach them by assignment). An
 * out-of-scope unit and a missing unit get the same 403, so a probe learns
 * nothing about what exists outside the caller's scope.
 */
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { can, type Permission } from '#shared/auth/permissions.ts'
import { audienceReaches, isWithin } from '#shared/org/org-path.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import { mayManageConsultation } from '#shared/consultation/consultation.kind.ts'
import type { Actor, Viewer } from '#shared/sync/record-kind.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { findOrgUnit, findUser, type UserRow } from '../org/org.repository.ts'
import { HttpError } from './errors.ts'
import type { AuthContext } from './auth.ts'

/**
 * The signed-in user, or 401. A user still holding a temporary password an
 * admin issued gets 403 password_change_required from every route but the
 * few that let them change it (`allowTemporaryPassword`): whoever read the
 * slip or the reset must not be able to act as them.
 */
export function requireAuth(
  request: FastifyRequest,
  { allowTemporaryPassword = false } = {},
): AuthContext {
  if (request.auth) {
    if (request.auth.mustChangePassword && !allowTemporaryPassword) {
      throw new HttpError(403, 'password_change_required')
    }
    return request.auth
  }
  if (request.isAccountDisabled) throw new HttpError(401, 'account_disabled')
  throw new HttpError(401, request.sessionExpired ? 'session_expired' : 'unauthenticated')
}

/** The signed-in user holding `permission`, or 401/403. */
export function requirePermission(request: FastifyRequest, permission: Permission): AuthContext {
  const auth = requireAuth(request)
  if (!can(auth.user.role, permission)) throw new HttpError(403, 'forbidden')
  return auth
}

/** The path under which this user may read and write. */
export function scopePathOf(auth: AuthContext): string {
  return auth.orgUnit.path
}

/** 403 unless `path` lies in the user's subtree. */
export function assertPathInScope(auth: AuthContext, path: string): void {
  if (!isWithin(path, scopePathOf(auth))) throw new HttpError(403, 'out_of_scope')
}

/** Loads a unit the user may see, or 403 (also when it does not exist). */
export async function loadUnitInScope(
  db: Kysely<DatabaseSchema>,
  auth: AuthContext,
  unitId: string,
): Promise<OrgUnit> {
  const unit = await findOrgUnit(db, unitId)
  if (!unit) throw new HttpError(403, 'out_of_scope')
  assertPathInScope(auth, unit.path)
  return unit
}

/** Loads an account whose unit the user may see, or 403 (also when it does not exist). */
export async function loadUserInScope(
  db: Kysely<DatabaseSchema>,
  auth: AuthContext,
  userId: string,
): Promise<UserRow> {
  const target = await findUser(db, userId)
  if (!target) throw new HttpError(403, 'out_of_scope')
  await loadUnitInScope(db, auth, target.org_unit_id)
  return target
}

/** An admin (`org.manage`) acting on account `userId` of their subtree: both, or 401/403. */
export async function loadManagedUser(
  db: Kysely<DatabaseSchema>,
  request: FastifyRequest,
  userId: string,
): Promise<{ auth: AuthContext; target: UserRow }> {
  const auth = requirePermission(request, 'org.manage')
  return { auth, target: await loadUserInScope(db, auth, userId) }
}

/** An admin (`org.manage`) acting on unit `unitId` of their subtree: both, or 401/403. */
export async function loadManagedUnit(
  db: Kysely<DatabaseSchema>,
  request: FastifyRequest,
  unitId: string,
): Promise<{ auth: AuthContext; unit: OrgUnit }> {
  const auth = requirePermission(request, 'org.manage')
  return { auth, unit: await loadUnitInScope(db, auth, unitId) }
}

/**
 * Records: a user sees a record when any of its audience paths (its home
 * unit, and e.g. the department it was dispatched to) lies in their subtree,
 * or is the downward mark of a unit above them (the mediator pool, see
 * `downwardAudience`). The same rule is written in SQL in
 * sync/record.repository.ts (`inScope`, `readLog`).
 */
export function canSeeRecord(auth: AuthContext, audience: readonly string[]): boolean {
  const scope = scopePathOf(auth)
  return audience.some((path) => audienceReaches(path, scope))
}

/** 403 unless the user may see a record with this audience. */
export function assertCanSeeRecord(auth: AuthContext, audience: readonly string[]): void {
  if (!canSeeRecord(auth, audience)) throw new HttpError(403, 'out_of_scope')
}

/** 403 unless the user runs consultations of `department`: its own staff, or the county's. */
export function assertRunsConsultation(auth: AuthContext, department: string): void {
  if (!mayManageConsultation(viewerOf(auth), department)) throw new HttpError(403, 'forbidden')
}

/** The user as the author of a change made now. */
export function actorOf(auth: AuthContext, at: Date): Actor {
  return { ...viewerOf(auth), userName: auth.user.name, at: at.toISOString() }
}

/** The user as a reader of records. */
export function viewerOf(auth: AuthContext): Viewer {
  return {
    userId: auth.user.id,
    role: auth.user.role,
    orgUnitId: auth.orgUnit.id,
    orgPath: scopePathOf(auth),
  }
}

/**
 * Whether the signed-in user may send changes `authorId` saved, from a
 * hand-over file (issue #21.3, docs/field.md): the author themselves, or a
 * colleague of the same org unit — active or not, since a colleague who
 * left is a reason to hand over. The sender stays the actor, so each change
 * is still checked against the sender's own role and scope.
 */
export async function mayHandOver(
  db: Kysely<DatabaseSchema>,
  auth: AuthContext,
  authorId: string,
): Promise<boolean> {
  if (authorId === auth.user.id) return true
  const author = await findUser(db, authorId)
  return author !== undefined && author.org_unit_id === auth.user.orgUnitId
}
