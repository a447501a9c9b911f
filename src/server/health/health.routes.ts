/**
 * GET /api/health for monitors and load balancers: 200 `ok`, or 503
 * `degraded` when the database does not answer, the data folder's disk is
 * nearly full, or a write failed for lack of space in the last few minutes.
 */
import { statfs } from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { sql } from 'kysely'
import { z } from 'zod'
import { APP_VERSION } from '../version.ts'

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
  /** What is wrong when degraded; empty when ok. */
  problems: z.array(z.enum(['database_unavailable', 'disk_low', 'storage_full'])),
  /** Free space on the disk of the SQLite file; null where the server cannot see it (PostgreSQL). */
  disk: z.object({ path: z.string(), freeBytes: z.number(), lowBytes: z.number() }).nullable(),
})

/**
 * A write refused for space this recently still counts as "storage full"
 * (plugins/errors.ts forgets it as soon as a write succeeds again).
 */
const STORAGE_FULL_MEMORY_MS = 5 * 60_000

export function healthRoutes(app: FastifyInstance): void {
  const { db, dialect, storageDir } = app.database
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/health',
      { schema: { response: { 200: healthSchema, 503: healthSchema } } },
      async (_request, reply) => {
        const problems: Array<z.infer<typeof healthSchema>['problems'][number]> = []
        try {
          await sql`select 1`.execute(db)
        } catch {
          problems.push('database_unavailable')
        }
        const disk = storageDir ? await freeSpace(storageDir, app.config.diskLowBytes) : null
        if (disk && disk.freeBytes < disk.lowBytes) problems.push('disk_low')
        const fullAt = app.lastFaultAt.storage_full
        if (fullAt !== null && Date.now() - fullAt < STORAGE_FULL_MEMORY_MS) {
          problems.push('storage_full')
        }
        const status = problems.length === 0 ? ('ok' as const) : ('degraded' as const)
        return reply
          .status(status === 'ok' ? 200 : 503)
          .send({ status, database: dialect, version: APP_VERSION, problems, disk })
      },
    )
}

async function freeSpace(path: string, lowBytes: number) {
  try {
    const stats = await statfs(path)
    // bavail: blocks an unprivileged process may still use.
    return { path, freeBytes: stats.bavail * stats.bsize, lowBytes }
  } catch {
    return null
  }
}
