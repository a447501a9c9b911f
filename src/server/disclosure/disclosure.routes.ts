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
import {
  DISCLOSURE_CATEGORY_KIND,
  DISCLOSURE_KIND,
  disclosureCategoryDataSchema,
  disclosureDataSchema,
} from '#shared/disclosure/disclosure.schema.ts'
import { disclosureGaps, supervisedCategories } from '#shared/disclosure/disclosure-gaps.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { listSubtree } from '../org/org.repository.ts'
import { requirePermission, scopePathOf } from '../plugins/scope.ts'

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
      const scope = scopePathOf(auth)
      const county = `/${pathIds(scope)[0] ?? ''}/`
      const stations = (await listSubtree(db, scope)).filter(
        (unit) => unit.tier === 'village' || unit.tier === 'township',
      )
      const records = await db
        .selectFrom('sync_record')
        .select(['id', 'kind', 'data'])
        .where((eb) =>
          eb.or([
            eb.and([eb('kind', '=', DISCLOSURE_KIND), eb('org_path', 'like', `${scope}%`)]),
            eb.and([
              eb('kind', '=', DISCLOSURE_CATEGORY_KIND),
              eb('org_path', 'like', `${county}%`),
            ]),
          ]),
        )
        .execute()
      const disclosures = []
      const countyCategories = []
      for (const row of records) {
        const data: unknown = JSON.parse(row.data)
        if (row.kind === DISCLOSURE_KIND) {
          const parsed = disclosureDataSchema.safeParse(data)
          if (!parsed.success) continue
          const { unit, category, status, publishedAt } = parsed.data
          disclosures.push({
            unit,
            category,
            status,
            publishedOn: publishedAt ? chinaDate(publishedAt) : null,
          })
        } else {
          const parsed = disclosureCategoryDataSchema.safeParse(data)
          if (parsed.success) countyCategories.push({ id: row.id, ...parsed.data })
        }
      }
      const today = chinaDate(new Date().toISOString())
      const categories = supervisedCategories(countyCategories)
      const names = new Map(stations.map((unit) => [unit.path, unit]))
      const gaps = disclosureGaps([...names.keys()], disclosures, categories, today)
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
