/**
 * Hand-over of a grid (issue #20.3, docs/administration.md): the new worker
 * joins the grid, so their phone's next pull starts over in the new scope
 * and receives the grid's records; the open matters are flagged, the old
 * phone's last upload shown (drafts after it are still on it), and the
 * ledger and the audit log say who handed over to whom and when. The old
 * account stays as it is, so that phone can still send what it holds; the
 * admin deactivates or moves it afterwards.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  handoverInputSchema,
  handoverResultSchema,
  handoverSchema,
} from '#shared/admin/admin.schema.ts'
import { HttpError } from '../plugins/errors.ts'
import { loadUnitInScope, loadUserInScope, requirePermission } from '../plugins/scope.ts'
import { subtreeListRoute } from '../plugins/subtree-list.ts'
import { assertNotRetired } from './admin.repository.ts'
import { recordAudit } from './audit.repository.ts'
import {
  findLastPushAt,
  insertHandover,
  listHandovers,
  listOpenMatters,
} from './handover.repository.ts'

export function handoverRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  api.post(
    '/api/admin/handovers',
    { schema: { body: handoverInputSchema, response: { 201: handoverResultSchema } } },
    async (request, reply) => {
      const auth = requirePermission(request, 'org.manage')
      const { gridId, fromUserId, toUserId } = request.body
      const grid = await loadUnitInScope(db, auth, gridId)
      await assertNotRetired(db, grid.id)
      const from = await loadUserInScope(db, auth, fromUserId)
      const to = await loadUserInScope(db, auth, toUserId)
      if (
        grid.tier !== 'grid' ||
        from.id === to.id ||
        from.role !== 'grid_worker' ||
        to.role !== 'grid_worker' ||
        from.org_unit_id !== grid.id ||
        !to.is_active
      ) {
        throw new HttpError(400, 'handover_invalid')
      }
      const at = new Date().toISOString()
      const openMatters = await listOpenMatters(db, grid.path, from.id)
      const id = await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_user')
          .set({ org_unit_id: grid.id })
          .where('id', '=', to.id)
          .execute()
        const handoverId = await insertHandover(trx, {
          gridId: grid.id,
          fromUserId: from.id,
          toUserId: to.id,
          byUserId: auth.user.id,
          at,
          openMatters: openMatters.length,
        })
        await recordAudit(trx, auth, {
          action: 'grid.handover',
          targetType: 'grid',
          targetId: grid.id,
          scopePath: grid.path,
          before: { workerId: from.id, workerName: from.name, newWorkerUnitId: to.org_unit_id },
          after: { workerId: to.id, workerName: to.name, openMatters: openMatters.length },
        })
        return handoverId
      })
      const handover = (await listHandovers(db, grid.path)).find((line) => line.id === id)
      if (!handover) throw new HttpError(409, 'conflict')
      return reply.status(201).send({
        handover,
        openMatters,
        oldWorkerLastPushAt: await findLastPushAt(db, from.id),
      })
    },
  )

  subtreeListRoute(app, {
    url: '/api/admin/handovers',
    permission: 'org.manage',
    key: 'handovers',
    item: handoverSchema,
    list: listHandovers,
  })
}
