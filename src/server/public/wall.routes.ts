/**
 * The 双公开 wall's data (issue #17.1): GET /api/public/wall/:unitId, no
 * account. A village or township answers with its own published
 * disclosures; a grid answers with its village's (the grid point shows its
 * village's wall). Every disclosure goes through the allow-list in
 * src/shared/disclosure/public-wall.ts and the answer is checked against its
 * schema. Not cached: a withdrawn notice must leave the wall at once; the
 * query reads one unit's disclosures by their home path. Reads are
 * rate-limited per address with the other public reads.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { DISCLOSURE_KIND, disclosureDataSchema } from '#shared/disclosure/disclosure.schema.ts'
import {
  byWallOrder,
  publicDisclosureOf,
  publicWallSchema,
  type PublicDisclosure,
  type PublicWall,
} from '#shared/disclosure/public-wall.ts'
import {
  publicAffairsSchema,
  publicConclusionOf,
  publicOpenConsultationOf,
  publicPolicyOf,
  publicResolutionDayOf,
  WALL_AFFAIRS_LIMIT,
  type PublicAffairs,
} from '#shared/disclosure/public-affairs.ts'
import {
  CONSULTATION_KIND,
  consultationDataSchema,
} from '#shared/consultation/consultation.schema.ts'
import { POST_EVALUATION_KIND } from '#shared/assessment/assessment.kind.ts'
import { postEvaluationDataSchema } from '#shared/assessment/assessment.schema.ts'
import { MEETING_KIND, meetingDataSchema } from '#shared/meeting/meeting.schema.ts'
import { POLICY_KIND } from '#shared/policy/policy.kind.ts'
import { policyDataSchema } from '#shared/policy/policy.schema.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { findOrgUnit } from '../org/org.repository.ts'
import { HttpError } from '../plugins/errors.ts'
import { sendPublicPhoto } from '../blob/public-photo.ts'
import { BLOB_HELMET } from '../plugins/security-headers.ts'
import { limitPublic, PUBLIC_READ_LIMIT } from '../rate-limit/public-guard.ts'

const unitParams = z.object({ unitId: z.string().max(64) })
const photoParams = unitParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) })

export function wallRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  async function limit(ip: string): Promise<void> {
    await limitPublic(db, PUBLIC_READ_LIMIT, ip, new Date())
  }

  /** The station whose wall `unitId` shows: a village or township itself, a grid's village. */
  async function stationOf(unitId: string) {
    const unit = await findOrgUnit(db, unitId)
    if (unit?.tier === 'village' || unit?.tier === 'township') return unit
    if (unit?.tier === 'grid' && unit.parentId) {
      const village = await findOrgUnit(db, unit.parentId)
      if (village?.tier === 'village') return village
    }
    throw new HttpError(404, 'not_found')
  }

  async function wallOf(unitId: string): Promise<PublicWall> {
    const station = await stationOf(unitId)
    const rows = await db
      .selectFrom('sync_record')
      .select(['id', 'data'])
      .where('kind', '=', DISCLOSURE_KIND)
      .where('org_path', '=', station.path)
      .execute()
    const disclosures: PublicDisclosure[] = []
    for (const row of rows) {
      const parsed = disclosureDataSchema.safeParse(JSON.parse(row.data))
      const shown = parsed.success ? publicDisclosureOf(row.id, parsed.data) : null
      if (shown) disclosures.push(shown)
    }
    const ids = pathIds(station.path)
    return {
      unitId: station.id,
      unitName: station.name,
      tier: station.tier === 'village' ? 'village' : 'township',
      townshipId: station.tier === 'township' ? station.id : (ids[ids.length - 2] ?? station.id),
      disclosures: disclosures.sort(byWallOrder),
    }
  }

  api.get(
    '/api/public/wall/:unitId',
    { schema: { params: unitParams, response: { 200: publicWallSchema } } },
    async (request, reply) => {
      await limit(request.ip)
      const body = await wallOf(request.params.unitId)
      return reply.header('cache-control', 'no-cache').send(body)
    },
  )

  /**
   * The station's policies with their Q&A, discussion-day resolutions,
   * post-evaluation conclusions and open consultations (#17.1), each
   * through its allow-list. Policies, post-evaluations and consultations
   * are county-wide kinds of a few hundred records; the
   * discussion days are read by the station's home path.
   */
  api.get(
    '/api/public/wall/:unitId/affairs',
    { schema: { params: unitParams, response: { 200: publicAffairsSchema } } },
    async (request, reply) => {
      await limit(request.ip)
      const station = await stationOf(request.params.unitId)
      const read = async <T, P>(
        kind: string,
        schema: z.ZodType<T>,
        shown: (id: string, data: T, station: string) => P | null,
        underStation = false,
      ): Promise<P[]> => {
        let query = db.selectFrom('sync_record').select(['id', 'data']).where('kind', '=', kind)
        if (underStation) query = query.where('org_path', 'like', `${station.path}%`)
        return (await query.execute()).flatMap((row) => {
          const parsed = schema.safeParse(JSON.parse(row.data))
          const face = parsed.success ? shown(row.id, parsed.data, station.path) : null
          return face ? [face] : []
        })
      }
      const newest = <T>(items: T[], by: (item: T) => string) =>
        items.sort((a, b) => by(b).localeCompare(by(a))).slice(0, WALL_AFFAIRS_LIMIT)
      const body: PublicAffairs = {
        policies: newest(
          await read(POLICY_KIND, policyDataSchema, publicPolicyOf),
          (policy) => policy.issueDate,
        ),
        resolutions: newest(
          await read(MEETING_KIND, meetingDataSchema, publicResolutionDayOf, true),
          (day) => day.date,
        ),
        conclusions: newest(
          await read(POST_EVALUATION_KIND, postEvaluationDataSchema, publicConclusionOf),
          (conclusion) => conclusion.concludedOn,
        ),
        consultations: newest(
          await read(CONSULTATION_KIND, consultationDataSchema, publicOpenConsultationOf),
          (consultation) => consultation.closesOn,
        ),
      }
      return reply.header('cache-control', 'no-cache').send(body)
    },
  )

  api.get(
    '/api/public/wall/:unitId/photos/:sha256',
    { schema: { params: photoParams }, helmet: BLOB_HELMET },
    async (request, reply) => {
      await limit(request.ip)
      const { unitId, sha256 } = request.params
      // Only a photo of a disclosure on this wall now.
      const wall = await wallOf(unitId)
      if (!wall.disclosures.some((disclosure) => disclosure.photos.includes(sha256))) {
        throw new HttpError(404, 'not_found')
      }
      return sendPublicPhoto(db, reply, sha256)
    },
  )
}
