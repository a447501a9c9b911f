/**
 * Supervision (督导考核): the figures of a unit of the viewer's subtree for a
 * period, and the county's scoring standards. Scope is the same rule as
 * everywhere (plugins/scope.ts): a township sees its own villages, a
 * department only itself; a unit outside the subtree is 403 whether or not
 * it exists.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { resolvePeriod } from '#shared/supervision/period.ts'
import { HttpError } from '../plugins/errors.ts'
import { loadUnitInScope, requirePermission, scopePathOf } from '../plugins/scope.ts'
import { buildView } from './supervision.view.ts'
import { standardsRoutes } from './standards.routes.ts'

const short = z.string().max(40).optional()

export function supervisionRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  api.get(
    '/api/supervision',
    {
      schema: {
        querystring: z.object({
          unitId: z.string().min(1).max(64).optional(),
          period: z.string().max(20),
          at: short,
          from: short,
          to: short,
        }),
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'supervision.view')
      const period = resolvePeriod(request.query)
      if ('error' in period) throw new HttpError(400, 'invalid_period', period.error)
      const unit = await loadUnitInScope(db, auth, request.query.unitId ?? auth.orgUnit.id)
      const today = chinaDate(new Date().toISOString())
      return buildView(db, unit, scopePathOf(auth), period, today)
    },
  )

  standardsRoutes(app)
}
