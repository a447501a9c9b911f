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
import { PUBLIC_RANKING_ACTOR_ID, RANKING_KIND } from '#shared/livelihood/ranking.kind.ts'
import {
  publicRankingSchema,
  rankingSheetSchema,
  rankingSubmissionSchema,
} from '#shared/livelihood/ranking.api.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { findOrgUnit } from '../org/org.repository.ts'
import { HttpError } from '../plugins/errors.ts'
import { systemAuth } from '../assessment/system-actor.ts'
import { codeSheetRoutes, codeSheets } from '../ballot/code-sheets.ts'
import { publicBallotRoute } from '../ballot/public-ballot.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { findRanking } from './ranking.repository.ts'

const rankingParams = z.object({ id: z.string().max(64) })

export function rankingRoutes(app: FastifyInstance, kinds: KindRegistry): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db, dialect } = app.database
  const sheets = codeSheets(app, kinds, RANKING_KIND, (id) => findRanking(db, dialect, id))

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

  publicBallotRoute(app, kinds, {
    url: '/api/public/livelihood/rankings/:id/ballots',
    bodyLimit: 4 * 1024,
    body: rankingSubmissionSchema,
    prepare: async (rankingId, { choices }) => {
      const ranking = await findRanking(db, dialect, rankingId)
      if (!ranking || ranking.channel !== 'ballot') throw new HttpError(404, 'not_found')
      if (ranking.status !== 'open') throw new HttpError(409, 'ranking_closed')
      const auth = await systemAuth(db, PUBLIC_RANKING_ACTOR_ID, '群众扫码排序', ranking.orgPath)
      if (!auth) throw new HttpError(404, 'not_found')
      return {
        boxId: rankingId,
        auth,
        kind: RANKING_KIND,
        recordId: rankingId,
        op: 'ballot',
        payload: { choices },
        spentOn: rankingId,
        badCode: 'ranking_code_invalid',
      }
    },
  })

  codeSheetRoutes(app, sheets, {
    codesUrl: '/api/livelihood/rankings/:id/codes',
    sheetUrl: '/api/livelihood/sheets/:batchId',
    permission: 'livelihood.propose',
    sheetSchema: rankingSheetSchema,
    assertOpen: (ranking) => {
      if (ranking.channel !== 'ballot' || ranking.status !== 'open') {
        throw new HttpError(409, 'ranking_closed')
      }
    },
    present: (sheet, rankingId, ranking) => ({ ...sheet, rankingId, title: ranking.title }),
  })
}
