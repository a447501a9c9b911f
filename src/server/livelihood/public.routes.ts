/**
 * The public progress of the livelihood list (issue #16.6): per township and
 * for the whole county, no account. The answer is built by the allow-list in
 * src/shared/livelihood/public-progress.ts and checked again by its response
 * schema, so nothing else of an item leaves the server. Each answer is kept
 * for a minute per unit and year (a notice board's QR code is opened by a
 * whole queue at once), and each address is rate-limited like the other
 * public routes, counted in the database so several processes count together.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { LIVELIHOOD_ITEM_KIND } from '#shared/livelihood/livelihood.schema.ts'
import { livelihoodItemDataSchema } from '#shared/livelihood/livelihood.schema.ts'
import {
  publicCounts,
  publicItemOf,
  publicProgressSchema,
  type PublicItem,
  type PublicProgress,
} from '#shared/livelihood/public-progress.ts'
import { findOrgUnit, listSubtree } from '../org/org.repository.ts'
import { HttpError } from '../plugins/errors.ts'
import { sendPublicPhoto } from '../blob/public-photo.ts'
import { BLOB_HELMET } from '../plugins/security-headers.ts'
import { limitPublic, PUBLIC_READ_LIMIT } from '../rate-limit/public-guard.ts'

/** How long one unit's answer is reused. */
const CACHE_MS = 60_000
/** At most this many answers kept (units × years); the oldest goes first. */
const CACHE_ENTRIES = 500

const unitParams = z.object({ unitId: z.string().max(64) })
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() })
const photoParams = unitParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) })

export function livelihoodPublicRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database
  const cache = new Map<string, { at: number; body: PublicProgress }>()

  async function limit(ip: string): Promise<void> {
    await limitPublic(db, PUBLIC_READ_LIMIT, ip, new Date())
  }

  /** The public progress of a township or county and year; 404 for any other unit. */
  async function progressOf(unitId: string, year: number | undefined): Promise<PublicProgress> {
    const now = Date.now()
    const today = chinaDate(new Date(now).toISOString())
    const wanted = year ?? Number(today.slice(0, 4))
    const key = `${unitId}:${wanted}`
    const hit = cache.get(key)
    if (hit && now - hit.at < CACHE_MS) return hit.body
    const unit = await findOrgUnit(db, unitId)
    if (!unit || (unit.tier !== 'county' && unit.tier !== 'township')) {
      throw new HttpError(404, 'not_found')
    }
    // The county's units by path, for the township and responsible unit names.
    const county = unit.tier === 'county' ? unit.path : `/${unit.path.split('/')[1] ?? ''}/`
    const names = new Map((await listSubtree(db, county)).map((u) => [u.path, u.name]))
    const rows = await db
      .selectFrom('sync_record')
      .select(['id', 'data'])
      .where('kind', '=', LIVELIHOOD_ITEM_KIND)
      .where('org_path', 'like', `${unit.path}%`)
      .execute()
    const items: PublicItem[] = []
    for (const row of rows) {
      const parsed = livelihoodItemDataSchema.safeParse(JSON.parse(row.data))
      if (!parsed.success || parsed.data.year !== wanted) continue
      const item = publicItemOf(row.id, parsed.data, today, (path) => names.get(path) ?? '')
      if (item) items.push(item)
    }
    items.sort(
      (a, b) =>
        a.townshipName.localeCompare(b.townshipName, 'zh') || a.name.localeCompare(b.name, 'zh'),
    )
    const body: PublicProgress = {
      unitName: unit.name,
      tier: unit.tier,
      year: wanted,
      items,
      counts: publicCounts(items),
    }
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value ?? '')
    cache.set(key, { at: now, body })
    return body
  }

  api.get(
    '/api/public/livelihood/units/:unitId',
    {
      schema: {
        params: unitParams,
        querystring: yearQuery,
        response: { 200: publicProgressSchema },
      },
    },
    async (request, reply) => {
      await limit(request.ip)
      const body = await progressOf(request.params.unitId, request.query.year)
      return reply.header('cache-control', 'public, max-age=60').send(body)
    },
  )

  api.get(
    '/api/public/livelihood/units/:unitId/photos/:sha256',
    { schema: { params: photoParams, querystring: yearQuery }, helmet: BLOB_HELMET },
    async (request, reply) => {
      await limit(request.ip)
      const { unitId, sha256 } = request.params
      // Only the latest photo of an item on this unit's public page of that year.
      const progress = await progressOf(unitId, request.query.year)
      if (!progress.items.some((item) => item.photo === sha256))
        throw new HttpError(404, 'not_found')
      return sendPublicPhoto(db, reply, sha256)
    },
  )
}
