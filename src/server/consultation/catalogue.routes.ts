/**
 * The yearly participation catalogue: public (no account), and its overdue
 * entries for signed-in staff (the desk and supervision count them). See
 * docs/consultation.md, "The public side".
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { catalogueYearSchema } from '#shared/consultation/catalogue.schema.ts'
import {
  publicCataloguesSchema,
  publicCatalogueEntrySchema,
} from '#shared/consultation/public-catalogue.ts'
import { isWithin } from '#shared/org/org-path.ts'
import { requireAuth } from '../plugins/scope.ts'
import { findCatalogues, toPublicCatalogue } from './catalogue.repository.ts'

const yearParams = z.object({ year: z.coerce.number().pipe(catalogueYearSchema) })

export function catalogueRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  api.get(
    '/api/public/catalogues/:year',
    { schema: { params: yearParams, response: { 200: publicCataloguesSchema } } },
    async (request) => {
      const { year } = request.params
      const now = new Date()
      const published = (await findCatalogues(db, year)).filter(
        (catalogue) => catalogue.status === 'published',
      )
      return {
        year,
        catalogues: await Promise.all(published.map((c) => toPublicCatalogue(db, c, now))),
      }
    },
  )

  /**
   * The overdue entries of `year` that the signed-in person answers for:
   * county staff (and anyone scoped at the county) every entry, a
   * department its own. Drafts count too: the plan is the county's
   * commitment from the day it is entered.
   */
  api.get(
    '/api/consultation/catalogues/:year/overdue',
    {
      schema: {
        params: yearParams,
        response: {
          200: z.object({
            overdue: z.number().int(),
            entries: z.array(publicCatalogueEntrySchema),
          }),
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request)
      const now = new Date()
      const scope = auth.orgUnit.path
      const entries = []
      for (const catalogue of await findCatalogues(db, request.params.year)) {
        if (!isWithin(scope, catalogue.county)) continue
        const own = {
          ...catalogue,
          entries: catalogue.entries.filter((entry) => isWithin(entry.department, scope)),
        }
        const view = await toPublicCatalogue(db, own, now)
        entries.push(...view.entries.filter((entry) => entry.status === 'overdue'))
      }
      return { overdue: entries.length, entries }
    },
  )
}
