/** The org tree and its users: read inside one's subtree; admins create units and users. */
import { randomBytes, randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { createUserSchema, userSchema } from '#shared/auth/auth.schema.ts'
import { roleFitsTier } from '#shared/auth/roles.ts'
import { childPath, pathIds, rootPath } from '#shared/org/org-path.ts'
import {
  canNest,
  createOrgUnitSchema,
  orgUnitNameSchema,
  orgUnitSchema,
  type OrgUnit,
} from '#shared/org/org.schema.ts'
import { HttpError } from '../plugins/errors.ts'
import { loadUnitInScope, requirePermission, scopePathOf } from '../plugins/scope.ts'
import { subtreeListRoute } from '../plugins/subtree-list.ts'
import { hashPassword } from '../auth/password.ts'
import { isUniqueViolation } from '../db/db-errors.ts'
import { assertNotRetired } from '../admin/admin.repository.ts'
import { recordAudit } from '../admin/audit.repository.ts'
import {
  findUserByPhone,
  insertOrgUnit,
  insertUser,
  listDepartments,
  listSubtree,
  listUsersInSubtree,
} from './org.repository.ts'

const unitParams = z.object({ unitId: z.string().min(1) })

export function orgRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  api.get(
    '/api/org-units',
    {
      schema: {
        querystring: z.object({ tier: z.literal('department').optional() }),
        response: { 200: z.object({ units: z.array(orgUnitSchema) }) },
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'org.read')
      // The county departments are a public directory: every unit must be
      // able to name them (a township dispatches to them, a grid reads who answered).
      if (request.query.tier === 'department') {
        return { units: await listDepartments(db, rootPath(pathIds(auth.orgUnit.path)[0] ?? '')) }
      }
      return { units: await listSubtree(db, scopePathOf(auth)) }
    },
  )

  api.get(
    '/api/org-units/names',
    { schema: { response: { 200: z.object({ units: z.array(orgUnitNameSchema) }) } } },
    async (request) => {
      // Every unit of the user's county by name: records name units outside
      // the reader's scope (a department reads the grid and township of a
      // matter dispatched to it, a grid reads who answered). Names are public;
      // nothing else about those units is sent.
      const auth = requirePermission(request, 'org.read')
      const units = await listSubtree(db, rootPath(pathIds(auth.orgUnit.path)[0] ?? ''))
      return { units: units.map(({ id, tier, name }) => ({ id, tier, name })) }
    },
  )

  api.get(
    '/api/org-units/:unitId',
    {
      schema: {
        params: unitParams,
        response: {
          200: z.object({
            unit: orgUnitSchema,
            children: z.array(orgUnitSchema),
            users: z.array(userSchema),
          }),
        },
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'org.read')
      const unit = await loadUnitInScope(db, auth, request.params.unitId)
      const subtree = await listSubtree(db, unit.path)
      const users = await listUsersInSubtree(db, unit.path)
      return {
        unit,
        children: subtree.filter((child) => child.parentId === unit.id),
        users: users.filter((user) => user.orgUnitId === unit.id),
      }
    },
  )

  api.post(
    '/api/org-units',
    { schema: { body: createOrgUnitSchema, response: { 201: orgUnitSchema } } },
    async (request, reply) => {
      const auth = requirePermission(request, 'org.manage')
      const parent = await loadUnitInScope(db, auth, request.body.parentId)
      await assertNotRetired(db, parent.id)
      if (!canNest(parent.tier, request.body.tier)) throw new HttpError(400, 'tier_nesting')
      const id = `u-${randomBytes(6).toString('hex')}`
      const unit: OrgUnit = {
        id,
        parentId: parent.id,
        tier: request.body.tier,
        name: request.body.name,
        path: childPath(parent.path, id),
      }
      await db.transaction().execute(async (trx) => {
        await insertOrgUnit(trx, unit, new Date().toISOString())
        await recordAudit(trx, auth, {
          action: 'unit.create',
          targetType: 'org_unit',
          targetId: id,
          scopePath: unit.path,
          after: unit,
        })
      })
      return reply.status(201).send(unit)
    },
  )

  api.post(
    '/api/users',
    { schema: { body: createUserSchema, response: { 201: userSchema } } },
    async (request, reply) => {
      const auth = requirePermission(request, 'org.manage')
      const { phone, name, password, role, orgUnitId } = request.body
      const unit = await loadUnitInScope(db, auth, orgUnitId)
      await assertNotRetired(db, unit.id)
      if (!roleFitsTier(role, unit.tier)) throw new HttpError(400, 'role_tier_mismatch')
      if (await findUserByPhone(db, phone)) throw new HttpError(409, 'phone_taken')
      const user = { id: randomUUID(), phone, name, role, orgUnitId }
      const passwordHash = await hashPassword(password)
      try {
        await db.transaction().execute(async (trx) => {
          await insertUser(trx, { ...user, passwordHash }, new Date().toISOString())
          await recordAudit(trx, auth, {
            action: 'user.create',
            targetType: 'user',
            targetId: user.id,
            scopePath: unit.path,
            after: user,
          })
        })
      } catch (error) {
        // Two admins registering one phone at the same moment: the index decides.
        if (isUniqueViolation(error)) throw new HttpError(409, 'phone_taken')
        throw error
      }
      return reply.status(201).send(user)
    },
  )

  subtreeListRoute(app, {
    url: '/api/users',
    permission: 'org.read',
    key: 'users',
    item: userSchema,
    list: listUsersInSubtree,
  })
}
