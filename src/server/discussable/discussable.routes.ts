/**
 * The townships' discussable-items lists (议事清单). Everyone in the county
 * may read a township's list (it is the public rule of what villages may
 * deliberate); township staff edit their own township's list and county staff
 * any township's. Devices cache the list for offline capture.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  discussableItemInputSchema,
  discussableItemSchema,
  discussableListSchema,
  type DiscussableItem,
} from '#shared/discussable/discussable-list.ts'
import { pathIds } from '#shared/org/org-path.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import { HttpError } from '../plugins/errors.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { loadUnitInScope, requirePermission } from '../plugins/scope.ts'
import { findOrgUnit, findPathUnits } from '../org/org.repository.ts'
import {
  deleteItem,
  findItem,
  insertItem,
  listItems,
  updateItem,
} from './discussable.repository.ts'

const itemParams = z.object({ itemId: z.string().min(1).max(64) })

export function discussableRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  /** The township to read: the one asked for (same county), else the user's own. */
  async function townshipToRead(
    auth: AuthContext,
    townshipId: string | undefined,
  ): Promise<OrgUnit> {
    const id =
      townshipId ??
      (await findPathUnits(db, auth.orgUnit.path)).find((unit) => unit.tier === 'township')?.id
    if (!id) throw new HttpError(400, 'township_required')
    const unit = await findOrgUnit(db, id)
    const sameCounty = unit && pathIds(unit.path)[0] === pathIds(auth.orgUnit.path)[0]
    if (!unit || !sameCounty || unit.tier !== 'township') throw new HttpError(404, 'not_found')
    return unit
  }

  /** The township whose list the user edits: in their scope, and a township. */
  async function townshipToEdit(auth: AuthContext, townshipId: string): Promise<OrgUnit> {
    const unit = await loadUnitInScope(db, auth, townshipId)
    if (unit.tier !== 'township') throw new HttpError(400, 'township_required')
    return unit
  }

  async function itemToEdit(auth: AuthContext, itemId: string): Promise<DiscussableItem> {
    const item = await findItem(db, itemId)
    if (!item) throw new HttpError(404, 'not_found')
    await townshipToEdit(auth, item.townshipId)
    return item
  }

  api.get(
    '/api/discussable-items',
    {
      schema: {
        querystring: z.object({ townshipId: z.string().min(1).max(64).optional() }),
        response: { 200: discussableListSchema },
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'issue.read')
      const township = await townshipToRead(auth, request.query.townshipId)
      return { townshipId: township.id, items: await listItems(db, township.id) }
    },
  )

  api.post(
    '/api/discussable-items',
    {
      schema: {
        body: z.intersection(
          discussableItemInputSchema,
          z.object({ townshipId: z.string().min(1).max(64) }),
        ),
        response: { 201: discussableItemSchema },
      },
    },
    async (request, reply) => {
      const auth = requirePermission(request, 'discussable.manage')
      const { townshipId, ...input } = request.body
      const township = await townshipToEdit(auth, townshipId)
      const item: DiscussableItem = {
        ...input,
        id: randomUUID(),
        townshipId: township.id,
        updatedAt: new Date().toISOString(),
        updatedByName: auth.user.name,
      }
      await insertItem(db, item)
      return reply.status(201).send(item)
    },
  )

  api.put(
    '/api/discussable-items/:itemId',
    {
      schema: {
        params: itemParams,
        body: discussableItemInputSchema,
        response: { 200: discussableItemSchema },
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'discussable.manage')
      const current = await itemToEdit(auth, request.params.itemId)
      const item: DiscussableItem = {
        ...current,
        ...request.body,
        updatedAt: new Date().toISOString(),
        updatedByName: auth.user.name,
      }
      await updateItem(db, item)
      return item
    },
  )

  api.delete(
    '/api/discussable-items/:itemId',
    { schema: { params: itemParams } },
    async (request, reply) => {
      const auth = requirePermission(request, 'discussable.manage')
      await itemToEdit(auth, request.params.itemId)
      await deleteItem(db, request.params.itemId)
      return reply.status(204).send()
    },
  )
}
