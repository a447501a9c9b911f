/**
 * The residents' ranking by code (开单, issue #16.2): the public page of a
 * ranking and its ballots (no account: a one-time code from the station, as
 * for the assessment forms), and the code sheets the village cadre prints.
 * A ballot adds marks to the ranking record as the route's system actor;
 * the code is spent on the ranking itself, so nothing links a code to the
 * choices made with it.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { codeSheetRequestSchema } from '#shared/ballot/ballot.api.ts'
import { PUBLIC_RANKING_ACTOR_ID, RANKING_KIND } from '#shared/livelihood/ranking.kind.ts'
import {
  publicRankingSchema,
  rankingSheetSchema,
  rankingSubmissionSchema,
} from '#shared/livelihood/ranking.api.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { findOrgUnit } from '../org/org.repository.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { HttpError } from '../plugins/errors.ts'
import { assertCanSeeRecord, requirePermission } from '../plugins/scope.ts'
import { systemAuth } from '../assessment/system-actor.ts'
import { findSheetOwner, issueCodes, readSheet } from '../ballot/ballot.repository.ts'
import { ballotSecretLoader } from '../ballot/ballot-secret.ts'
import { castPublicBallot } from '../ballot/public-ballot.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { findRanking } from './ranking.repository.ts'

const rankingParams = z.object({ id: z.string().max(64) })
const sheetParams = z.object({ batchId: z.string().max(64) })

export function rankingRoutes(app: FastifyInstance, kinds: KindRegistry): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db, dialect } = app.database
  const ballotSecret = ballotSecretLoader(app.config)

  api.get(
    '/api/public/livelihood/rankings/:id',
    { schema: { params: rankingParams, response: { 200: publicRankingSchema } } },
    async (request) => {
      const ranking = await findRanking(db, dialect, request.params.id)
      // A ranking at a discussion day is counted there, not on a phone.
      if (!ranking || ranking.channel !== 'ballot') throw new HttpError(404, 'not_found')
      const village = await findOrgUnit(db, pathIds(ranking.orgPath).at(-1) ?? '')
      return {
        id: request.params.id,
        title: ranking.title,
        villageName: village?.name ?? '',
        candidates: ranking.candidates.map(({ itemId, title }) => ({ itemId, title })),
        maxChoices: ranking.maxChoices,
        isOpen: ranking.status === 'open',
      }
    },
  )

  api.post(
    '/api/public/livelihood/rankings/:id/ballots',
    {
      bodyLimit: 4 * 1024,
      schema: {
        params: rankingParams,
        body: rankingSubmissionSchema,
        response: { 201: z.object({ status: z.literal('recorded') }) },
      },
    },
    async (request, reply) => {
      const rankingId = request.params.id
      await castPublicBallot(
        { db, dialect, kinds, log: request.log },
        request.ip,
        request.body.code,
        async () => {
          const ranking = await findRanking(db, dialect, rankingId)
          if (!ranking || ranking.channel !== 'ballot') throw new HttpError(404, 'not_found')
          if (ranking.status !== 'open') throw new HttpError(409, 'ranking_closed')
          const auth = await systemAuth(
            db,
            PUBLIC_RANKING_ACTOR_ID,
            '群众扫码排序',
            ranking.orgPath,
          )
          if (!auth) throw new HttpError(404, 'not_found')
          return {
            boxId: rankingId,
            auth,
            kind: RANKING_KIND,
            recordId: rankingId,
            op: 'ballot',
            payload: { choices: request.body.choices },
            spentOn: rankingId,
            badCode: 'ranking_code_invalid',
          }
        },
      )
      return reply.code(201).send({ status: 'recorded' })
    },
  )

  /** The ranking if this user may see it (its audience), else 403 as for any record. */
  async function rankingInScope(id: string, auth: AuthContext) {
    const ranking = await findRanking(db, dialect, id)
    if (!ranking) throw new HttpError(403, 'out_of_scope')
    const kind = kinds.get(RANKING_KIND)
    assertCanSeeRecord(auth, kind ? kind.audience(ranking) : [])
    return ranking
  }

  /** Sheet `batchId` in clear, for the person who issued it only (ADR 0007), else 404. */
  async function ownSheet(batchId: string, auth: AuthContext) {
    const owner = await findSheetOwner(db, batchId)
    if (!owner || owner.issuedBy !== auth.user.id) throw new HttpError(404, 'not_found')
    // A campaign's sheet is not a ranking's: the ranking lookup answers 403 for it.
    const ranking = await rankingInScope(owner.campaignId, auth)
    const { codes } = await readSheet(db, ballotSecret(), batchId)
    if (codes.length === 0) throw new HttpError(410, 'sheet_not_retrievable')
    return {
      batchId,
      rankingId: owner.campaignId,
      title: ranking.title,
      issuedAt: owner.issuedAt,
      codes,
    }
  }

  api.post(
    '/api/livelihood/rankings/:id/codes',
    {
      schema: {
        params: rankingParams,
        body: codeSheetRequestSchema,
        response: { 201: rankingSheetSchema },
      },
    },
    async (request, reply) => {
      const auth = requirePermission(request, 'livelihood.propose')
      const ranking = await rankingInScope(request.params.id, auth)
      if (ranking.channel !== 'ballot' || ranking.status !== 'open') {
        throw new HttpError(409, 'ranking_closed')
      }
      const batchId = await issueCodes(
        db,
        ballotSecret(),
        request.params.id,
        request.body.count,
        auth.user.id,
        new Date(),
      )
      request.log.info(
        { rankingId: request.params.id, batchId, count: request.body.count },
        'ranking codes issued',
      )
      return reply.code(201).send(await ownSheet(batchId, auth))
    },
  )

  api.get(
    '/api/livelihood/sheets/:batchId',
    { schema: { params: sheetParams, response: { 200: rankingSheetSchema } } },
    async (request) => {
      const auth = requirePermission(request, 'livelihood.propose')
      return ownSheet(request.params.batchId, auth)
    },
  )
}
