/**
 * The open API (issue #19.4): administrators issue and revoke service
 * accounts' tokens; other platforms, with a token, push reports in (the
 * same plan and write path as a file import, deduped by ticket under the
 * token's source) and read a pushed report's standing, as the token's role
 * may see it. Ledgers are read out at /api/open/v1/ledgers/:ledgerId
 * (src/server/ledger/ledger.routes.ts, the app's own export with the token's auth).
 * Examples: docs/api.md; the description: /api/docs.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { roleFitsTier } from '#shared/auth/roles.ts'
import { issueDataSchema } from '#shared/issue/issue.schema.ts'
import { ISSUE_KIND, viewIssue } from '#shared/issue/issue.kind.ts'
import {
  apiTokenInputSchema,
  apiTokenListSchema,
  issuedApiTokenSchema,
  pushedReportSchema,
  pushReceiptSchema,
  reportStatusSchema,
  ticketParamsSchema,
  type ApiToken,
} from '#shared/import/open-api.schema.ts'
import { countyOf } from '../import/import.routes.ts'
import { commitPlan } from '../import/import.commit.ts'
import { planImport } from '../import/import.plan.ts'
import { findSource, findTicketIssue } from '../import/import.repository.ts'
import { listSubtree } from '../org/org.repository.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { HttpError } from '../plugins/errors.ts'
import {
  assertCanSeeRecord,
  loadUnitInScope,
  requirePermission,
  scopePathOf,
  viewerOf,
} from '../plugins/scope.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { findRecordData } from '../sync/record.repository.ts'
import { createToken, findToken, listTokens, revokeToken } from './api-token.repository.ts'

const tokenParams = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/, '令牌不存在') })
const OPEN = { tags: ['open'], security: [{ apiToken: [] }] }
const errorBody = z.object({ code: z.string(), message: z.string() })

/** The service account's token, with the permission it must hold; 401/403 otherwise. */
function requireToken(
  request: FastifyRequest,
  permission: 'issue.import' | 'issue.read',
): { auth: AuthContext; token: ApiToken } {
  const auth = requirePermission(request, permission)
  if (!request.apiToken) throw new HttpError(401, 'api_token_invalid')
  return { auth, token: request.apiToken }
}

export function openApiRoutes(app: FastifyInstance, kinds: KindRegistry): void {
  const { db, dialect } = app.database
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.get(
    '/api/api-tokens',
    { schema: { tags: ['admin'], response: { 200: apiTokenListSchema } } },
    async (request) => {
      const auth = requirePermission(request, 'api.manage')
      const units = await listSubtree(db, scopePathOf(auth))
      return {
        tokens: await listTokens(
          db,
          units.map((u) => u.id),
        ),
      }
    },
  )

  api.post(
    '/api/api-tokens',
    {
      schema: {
        tags: ['admin'],
        body: apiTokenInputSchema,
        response: { 201: issuedApiTokenSchema },
      },
    },
    async (request, reply) => {
      const auth = requirePermission(request, 'api.manage')
      const unit = await loadUnitInScope(db, auth, request.body.unitId)
      if (!roleFitsTier(request.body.role, unit.tier)) {
        throw new HttpError(400, 'role_tier_mismatch')
      }
      if (!(await findSource(db, countyOf(auth), request.body.sourceId))) {
        throw new HttpError(400, 'validation_failed', '请选择来源平台', {
          sourceId: '请选择来源平台',
        })
      }
      const issued = await createToken(db, request.body, auth.user.id, new Date())
      return reply.code(201).send(issued)
    },
  )

  api.delete(
    '/api/api-tokens/:id',
    { schema: { tags: ['admin'], params: tokenParams } },
    async (request, reply) => {
      const auth = requirePermission(request, 'api.manage')
      const token = await findToken(db, request.params.id)
      if (!token) throw new HttpError(404, 'not_found')
      await loadUnitInScope(db, auth, token.unitId)
      await revokeToken(db, token.id, new Date())
      return reply.code(204).send()
    },
  )

  api.post(
    '/api/open/v1/reports',
    {
      schema: {
        ...OPEN,
        summary: '推送一条工单，生成说事；同一工单编号重复推送不会重复生成',
        body: pushedReportSchema,
        response: { 200: pushReceiptSchema, 201: pushReceiptSchema, 400: errorBody },
      },
    },
    async (request, reply) => {
      const { auth, token } = requireToken(request, 'issue.import')
      const source = await findSource(db, countyOf(auth), token.sourceId)
      if (!source) throw new HttpError(403, 'forbidden')
      const fields = request.body
      const [row] = await planImport(db, source, scopePathOf(auth), [{ line: 1, fields }])
      if (!row) throw new HttpError(400, 'bad_request')
      if (row.result.status === 'invalid') {
        throw new HttpError(400, 'validation_failed', row.result.errors.join('；'))
      }
      if (row.result.status === 'ready') {
        const { issueIds } = await commitPlan(
          app.database,
          kinds,
          source,
          scopePathOf(auth),
          [row],
          request.log,
        )
        const id = issueIds.get(fields.ticket)
        if (id) return reply.code(201).send({ id, ticket: fields.ticket, outcome: 'created' })
      }
      const id = await findTicketIssue(db, source.id, fields.ticket)
      if (!id) throw new HttpError(409, 'conflict')
      return reply.code(200).send({ id, ticket: fields.ticket, outcome: 'duplicate' })
    },
  )

  api.get(
    '/api/open/v1/reports/:ticket',
    {
      schema: {
        ...OPEN,
        summary: '按工单编号查询办理状态',
        params: ticketParamsSchema,
        response: { 200: reportStatusSchema },
      },
    },
    async (request) => {
      const { auth, token } = requireToken(request, 'issue.read')
      const { ticket } = request.params
      const id = await findTicketIssue(db, token.sourceId, ticket)
      const data = id ? await findRecordData(db, dialect, ISSUE_KIND, id, issueDataSchema) : null
      if (!id || !data) throw new HttpError(404, 'not_found')
      const audience = kinds.get(ISSUE_KIND)?.audience(data) ?? [data.orgPath]
      assertCanSeeRecord(auth, audience)
      const view = viewIssue(data, viewerOf(auth))
      return {
        id,
        ticket,
        status: view.status,
        orgPath: view.orgPath,
        registeredAt: view.createdAt,
        resolution: view.resolution?.text ?? null,
        satisfaction: view.feedback?.satisfaction ?? null,
        updatedAt: view.events.at(-1)?.at ?? view.createdAt,
      }
    },
  )
}
