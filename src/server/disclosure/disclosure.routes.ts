/**
 * Supervision of disclosures: GET /api/disclosures/gaps lists, for the
 * viewer's subtree, the stations (villages, and townships for their own
 * notices) that have not published a category within its period
 * (src/shared/disclosure/disclosure-gaps.ts). Township and county staff and
 * departments read it like the other supervision figures.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { requirePermission, scopePathOf } from '../plugins/scope.ts'
import { readSubtreeGaps } from './disclosure-gaps.repository.ts'

const gapsSchema = z.object({
  today: z.string(),
  categories: z.array(
    z.object({ key: z.string(), name: z.string().nullable(), periodMonths: z.number() }),
  ),
  stations: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      missing: z.array(
        z.object({
          key: z.string(),
          name: z.string().nullable(),
          lastPublishedOn: z.string().nullable(),
        }),
      ),
    }),
  ),
})
export type DisclosureGapsAnswer = z.infer<typeof gapsSchema>

export function disclosureRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  api.get(
    '/api/disclosures/gaps',
    { schema: { response: { 200: gapsSchema } } },
    async (request) => {
      const auth = requirePermission(request, 'supervision.view')
      const today = chinaDate(new Date().toISOString())
      const { stations, categories, gaps } = await readSubtreeGaps(db, scopePathOf(auth), today)
      const names = new Map(stations.map((unit) => [unit.path, unit]))
      return {
        today,
        categories,
        stations: gaps.map((gap) => ({
          unitId: names.get(gap.unit)?.id ?? '',
          unitName: names.get(gap.unit)?.name ?? '',
          missing: gap.missing,
        })),
      }
    },
  )
}
