/**
 * The self-service assessment form (no account: a one-time ballot code from
 * the station) and the code sheets cadres print. The public route answers
 * only the campaign's public facts and "recorded" — never anything about
 * other forms. See docs/assessment.md for the threat model.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { uuidv7 } from 'uuidv7'
import { z } from 'zod'
import {
  ballotSubmissionSchema,
  codeSheetSchema,
  publicCampaignSchema,
} from '#shared/assessment/assessment.api.ts'
import { codeCountsSchema, sheetListSchema } from '#shared/ballot/ballot.api.ts'
import {
  CAMPAIGN_KIND,
  FORM_KIND,
  PUBLIC_BALLOT_ACTOR_ID,
} from '#shared/assessment/assessment.kind.ts'
import type { CampaignData } from '#shared/assessment/assessment.schema.ts'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { orgUnitSchema } from '#shared/org/org.schema.ts'
import { HttpError } from '../plugins/errors.ts'
import { requirePermission } from '../plugins/scope.ts'
import { findOrgUnit, listSubtree } from '../org/org.repository.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { findCampaign, findPolicy } from './assessment.repository.ts'
import { codeCounts, listSheets } from '../ballot/ballot.repository.ts'
import { codeSheetRoutes, codeSheets } from '../ballot/code-sheets.ts'
import { publicBallotRoute } from '../ballot/public-ballot.ts'
import { openPostEvaluationIfDue } from './post-evaluation.trigger.ts'
import { systemAuth } from './system-actor.ts'

const campaignParams = z.object({ id: z.string().max(64) })

/** Open on China date `today`: not closed, and within its period. */
function isOpenOn(campaign: CampaignData, today: string): boolean {
  return campaign.status === 'open' && campaign.opensOn <= today && today <= campaign.closesOn
}

export function assessmentRoutes(app: FastifyInstance, kinds: KindRegistry): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db, dialect } = app.database
  const sheets = codeSheets(app, kinds, CAMPAIGN_KIND, (id) => findCampaign(db, dialect, id))

  async function unitName(path: string): Promise<string> {
    const unit = await findOrgUnit(db, pathIds(path).at(-1) ?? '')
    return unit?.name ?? ''
  }

  api.get(
    '/api/public/campaigns/:id',
    { schema: { params: campaignParams, response: { 200: publicCampaignSchema } } },
    async (request) => {
      const campaign = await findCampaign(db, dialect, request.params.id)
      if (!campaign) throw new HttpError(404, 'not_found')
      const policy = await findPolicy(db, dialect, campaign.policyId)
      return {
        id: request.params.id,
        policyTitle: campaign.policyTitle,
        documentNumber: campaign.documentNumber,
        summary: policy?.summary ?? '',
        issuingDepartmentName: await unitName(campaign.issuingDepartment),
        villages: await Promise.all(
          campaign.villages.map(async (path) => ({ path, name: await unitName(path) })),
        ),
        opensOn: campaign.opensOn,
        closesOn: campaign.closesOn,
        isOpen: isOpenOn(campaign, chinaDate(new Date().toISOString())),
      }
    },
  )

  publicBallotRoute(app, kinds, {
    url: '/api/public/campaigns/:id/ballots',
    bodyLimit: 16 * 1024,
    body: ballotSubmissionSchema,
    prepare: async (campaignId, { answers }, now) => {
      const campaign = await findCampaign(db, dialect, campaignId)
      if (!campaign) throw new HttpError(404, 'not_found')
      if (!isOpenOn(campaign, chinaDate(now.toISOString()))) {
        throw new HttpError(409, 'campaign_closed')
      }
      if (!campaign.villages.includes(answers.villagePath)) {
        throw new HttpError(400, 'validation_failed', '请选择参加本次评议的村社')
      }
      const auth = await systemAuth(db, PUBLIC_BALLOT_ACTOR_ID, '群众自助评议', answers.villagePath)
      if (!auth) throw new HttpError(404, 'not_found')
      const formId = uuidv7()
      return {
        boxId: campaignId,
        auth,
        kind: FORM_KIND,
        recordId: formId,
        op: 'create',
        payload: {
          ...answers,
          campaignId,
          issuingDepartment: campaign.issuingDepartment,
          channel: 'self_service',
        },
        spentOn: formId,
      }
    },
    afterCast: (campaignId, log) =>
      openPostEvaluationIfDue(app.database, kinds, campaignId).catch((error: unknown) =>
        log.error({ err: error }, 'post-evaluation trigger failed'),
      ),
  })

  codeSheetRoutes(app, sheets, {
    codesUrl: '/api/assessment/campaigns/:id/codes',
    sheetUrl: '/api/assessment/sheets/:batchId',
    permission: 'assessment.codes',
    sheetSchema: codeSheetSchema,
    assertOpen: (campaign) => {
      if (campaign.status !== 'open') throw new HttpError(409, 'campaign_closed')
    },
    present: (sheet, campaignId, campaign) => ({
      ...sheet,
      campaignId,
      policyTitle: campaign.policyTitle,
    }),
  })

  api.get(
    '/api/assessment/campaigns/:id/sheets',
    { schema: { params: campaignParams, response: { 200: sheetListSchema } } },
    async (request) => {
      const auth = requirePermission(request, 'assessment.codes')
      await sheets.boxInScope(request.params.id, auth)
      return { sheets: await listSheets(db, request.params.id, auth.user.id) }
    },
  )

  api.get(
    '/api/assessment/places',
    { schema: { response: { 200: z.object({ units: z.array(orgUnitSchema) }) } } },
    async (request) => {
      // The county's places by name: policies and campaigns name townships,
      // villages and grids that a department's own subtree does not hold.
      const auth = requirePermission(request, 'org.read')
      return { units: await listSubtree(db, `/${pathIds(auth.orgUnit.path)[0] ?? ''}/`) }
    },
  )

  api.get(
    '/api/assessment/campaigns/:id/codes',
    { schema: { params: campaignParams, response: { 200: codeCountsSchema } } },
    async (request) => {
      const auth = requirePermission(request, 'issue.read')
      await sheets.boxInScope(request.params.id, auth)
      return codeCounts(db, request.params.id)
    },
  )
}
