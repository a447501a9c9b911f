/**
 * GET /api/oversight/settings: the county's oversight bodies and clocks for
 * the signed-in user's screens (docs/oversight.md). Names no person; the
 * bodies' paths are the county's public directory of places.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { can } from '#shared/auth/permissions.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { oversightSettingsSchema } from '#shared/oversight/oversight.api.ts'
import { departmentPathOf } from '#shared/oversight/self-correction.kind.ts'
import { requireAuth } from '../plugins/scope.ts'

export function oversightRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.get(
    '/api/oversight/settings',
    { schema: { response: { 200: oversightSettingsSchema } } },
    (request) => {
      const { user, orgUnit } = requireAuth(request)
      // The settings in force (src/server/settings), not the startup environment.
      const { oversight } = app.countySettings.current().settings
      const depth = pathIds(orgUnit.path).length
      const points = oversight.reviewContactPoints
      return {
        supervisionBodyPath: oversight.supervisionBody
          ? departmentPathOf(orgUnit.path, oversight.supervisionBody)
          : null,
        reviewBodyPath: oversight.reviewBody
          ? departmentPathOf(orgUnit.path, oversight.reviewBody)
          : null,
        isContactPoint:
          can(user.role, 'review.intake') &&
          (depth === 2 || depth === 3) &&
          (points === null || points.includes(orgUnit.id)),
        stepDays: { ...oversight.selfCorrectionStepDays },
      }
    },
  )
}
