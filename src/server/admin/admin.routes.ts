/**
 * The admin screens' API (docs/administration.md): search and edit accounts,
 * reset a password to a temporary one, list, rename, move and retire units,
 * read the audit log. Every change is written with its audit entry in one
 * transaction (`recordAudit`).
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  adminUnitSchema,
  adminUserSchema,
  auditEntrySchema,
  auditQuerySchema,
  temporaryPasswordSchema,
  updateUnitSchema,
  updateUserSchema,
  userSearchSchema,
} from '#shared/admin/admin.schema.ts'
import { roleSchema } from '#shared/auth/auth.schema.ts'
import { roleFitsTier } from '#shared/auth/roles.ts'
import { childPath, isWithin } from '#shared/org/org-path.ts'
import { canNest } from '#shared/org/org.schema.ts'
import { HttpError } from '../plugins/errors.ts'
import { loadManagedUnit, loadManagedUser, loadUnitInScope, scopePathOf } from '../plugins/scope.ts'
import { subtreeListRoute } from '../plugins/subtree-list.ts'
import { hashPassword } from '../auth/password.ts'
import { clearPasswordAttempts } from '../auth/login-guard.ts'
import { revokeUserSessions } from '../auth/session.repository.ts'
import { makeTemporaryPassword } from '../auth/temporary-password.ts'
import { findUser } from '../org/org.repository.ts'
import type { AuthContext } from '../plugins/auth.ts'
import {
  assertNotRetired,
  countActiveUsersUnder,
  findAdminUnit,
  hasRecordsUnder,
  listAdminUnits,
  moveUnit,
  retireSubtree,
  searchUsers,
  toAdminUser,
} from './admin.repository.ts'
import { listAudit, recordAudit } from './audit.repository.ts'

const userParams = z.object({ userId: z.string().min(1).max(64) })
const unitParams = z.object({ unitId: z.string().min(1).max(64) })

export function adminRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  /** A unit an account or a new unit may be placed in: in scope and not retired. */
  async function loadOpenUnit(auth: AuthContext, unitId: string) {
    const unit = await loadUnitInScope(db, auth, unitId)
    await assertNotRetired(db, unit.id)
    return unit
  }

  subtreeListRoute(app, {
    url: '/api/admin/users',
    permission: 'org.manage',
    key: 'users',
    item: adminUserSchema,
    querystring: userSearchSchema,
    list: (db, scopePath, query) => searchUsers(db, scopePath, query.q),
  })

  api.patch(
    '/api/admin/users/:userId',
    { schema: { params: userParams, body: updateUserSchema, response: { 200: adminUserSchema } } },
    async (request) => {
      const { auth, target } = await loadManagedUser(db, request, request.params.userId)
      const { name, role, orgUnitId } = request.body
      const changesPlace =
        (role !== undefined && role !== target.role) ||
        (orgUnitId !== undefined && orgUnitId !== target.org_unit_id)
      // An admin who demotes or moves themself could lock the county out of its admin screens.
      if (changesPlace && target.id === auth.user.id) throw new HttpError(400, 'cannot_change_self')
      const unit = await loadOpenUnit(auth, orgUnitId ?? target.org_unit_id)
      const nextRole = role ?? target.role
      if (!roleFitsTier(roleSchema.parse(nextRole), unit.tier)) {
        throw new HttpError(400, 'role_tier_mismatch')
      }
      const before = toAdminUser(target)
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_user')
          .set({ name: name ?? target.name, role: nextRole, org_unit_id: unit.id })
          .where('id', '=', target.id)
          .execute()
        const after = await findUser(trx, target.id)
        await recordAudit(trx, auth, {
          action: 'user.update',
          targetType: 'user',
          targetId: target.id,
          scopePath: unit.path,
          before,
          after: after && toAdminUser(after),
        })
      })
      const row = await findUser(db, target.id)
      if (!row) throw new HttpError(409, 'conflict')
      return toAdminUser(row)
    },
  )

  api.post(
    '/api/admin/users/:userId/reset-password',
    { schema: { params: userParams, response: { 200: temporaryPasswordSchema } } },
    async (request) => {
      const { auth, target } = await loadManagedUser(db, request, request.params.userId)
      const unit = await loadUnitInScope(db, auth, target.org_unit_id)
      const temporaryPassword = makeTemporaryPassword()
      const passwordHash = await hashPassword(temporaryPassword)
      const now = new Date()
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_user')
          .set({ password_hash: passwordHash, must_change_password: 1 })
          .where('id', '=', target.id)
          .execute()
        // Whoever held the old password (or a phone signed in with it) is out.
        await revokeUserSessions(trx, target.id, now)
        await clearPasswordAttempts(trx, target.phone)
        await recordAudit(
          trx,
          auth,
          {
            action: 'user.reset_password',
            targetType: 'user',
            targetId: target.id,
            scopePath: unit.path,
            before: { mustChangePassword: target.must_change_password === 1 },
            after: { mustChangePassword: true },
          },
          now,
        )
      })
      return {
        user: { ...toAdminUser(target), mustChangePassword: true },
        temporaryPassword,
      }
    },
  )

  subtreeListRoute(app, {
    url: '/api/admin/org-units',
    permission: 'org.manage',
    key: 'units',
    item: adminUnitSchema,
    list: listAdminUnits,
  })

  api.patch(
    '/api/admin/org-units/:unitId',
    { schema: { params: unitParams, body: updateUnitSchema, response: { 200: adminUnitSchema } } },
    async (request) => {
      const { auth, unit } = await loadManagedUnit(db, request, request.params.unitId)
      const before = await findAdminUnit(db, unit.id)
      if (!before || before.retiredAt) throw new HttpError(400, 'unit_retired')
      const { name, parentId } = request.body
      const isMove = parentId !== undefined && parentId !== unit.parentId
      let newPath = unit.path
      if (isMove) {
        const parent = await loadOpenUnit(auth, parentId)
        if (!unit.parentId) throw new HttpError(400, 'cannot_retire_root')
        if (isWithin(parent.path, unit.path)) throw new HttpError(400, 'move_into_own_subtree')
        if (!canNest(parent.tier, unit.tier)) throw new HttpError(400, 'tier_nesting')
        // Records carry their home's path in their data and audience; rewriting
        // them is a record migration, not an org edit (docs/administration.md).
        if (await hasRecordsUnder(db, unit.path)) throw new HttpError(409, 'unit_has_records')
        newPath = childPath(parent.path, unit.id)
      }
      await db.transaction().execute(async (trx) => {
        if (name !== undefined) {
          await trx.updateTable('org_unit').set({ name }).where('id', '=', unit.id).execute()
        }
        if (isMove) await moveUnit(trx, unit.id, parentId, unit.path, newPath)
        await recordAudit(trx, auth, {
          action: 'unit.update',
          targetType: 'org_unit',
          targetId: unit.id,
          scopePath: newPath,
          before,
          after: await findAdminUnit(trx, unit.id),
        })
      })
      const after = await findAdminUnit(db, unit.id)
      if (!after) throw new HttpError(409, 'conflict')
      return after
    },
  )

  api.post(
    '/api/admin/org-units/:unitId/retire',
    { schema: { params: unitParams, response: { 200: adminUnitSchema } } },
    async (request) => {
      const { auth, unit } = await loadManagedUnit(db, request, request.params.unitId)
      // The root, or a unit holding the admin themself: retiring it would end the county's administration.
      if (!unit.parentId || isWithin(scopePathOf(auth), unit.path)) {
        throw new HttpError(400, 'cannot_retire_root')
      }
      const before = await findAdminUnit(db, unit.id)
      if (before?.retiredAt) return before
      if ((await countActiveUsersUnder(db, unit.path)) > 0) {
        throw new HttpError(409, 'unit_has_users')
      }
      const now = new Date().toISOString()
      await db.transaction().execute(async (trx) => {
        await retireSubtree(trx, unit.path, now)
        await recordAudit(trx, auth, {
          action: 'unit.retire',
          targetType: 'org_unit',
          targetId: unit.id,
          scopePath: unit.path,
          before,
          after: await findAdminUnit(trx, unit.id),
        })
      })
      const after = await findAdminUnit(db, unit.id)
      if (!after) throw new HttpError(409, 'conflict')
      return after
    },
  )

  subtreeListRoute(app, {
    url: '/api/admin/audit',
    permission: 'audit.read',
    key: 'entries',
    item: auditEntrySchema,
    querystring: auditQuerySchema,
    list: listAudit,
  })
}
