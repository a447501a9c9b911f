import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { sql } from 'kysely'
import { z } from 'zod'
import { APP_VERSION } from '../version.ts'

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
})

export function healthRoutes(app: FastifyInstance): void {
  const { db, dialect } = app.database
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/health',
      { schema: { response: { 200: healthSchema, 503: healthSchema } } },
      async (_request, reply) => {
        const body = { database: dialect, version: APP_VERSION }
        try {
          await sql`select 1`.execute(db)
          return { status: 'ok' as const, ...body }
        } catch {
          return reply.status(503).send({ status: 'degraded' as const, ...body })
        }
      },
    )
}
