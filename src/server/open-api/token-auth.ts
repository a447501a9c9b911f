/**
 * Who is calling the open API (/api/open/…): a service account, by its
 * bearer token — never a session cookie, so a signed-in browser cannot be
 * made to call it. A known, unrevoked token becomes the request's `auth`
 * (a user placed at the token's unit with the token's role, so scope.ts
 * decides what it may do like for anyone), after one count against the
 * token's rate limit. Revocation applies to the next request.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ApiToken } from '#shared/import/open-api.schema.ts'
import { findOrgUnit } from '../org/org.repository.ts'
import { HttpError } from '../plugins/errors.ts'
import { reserveAttempt } from '../rate-limit/rate-limit.repository.ts'
import { findLiveToken } from './api-token.repository.ts'

/** Calls one token may make per minute. */
export const API_CALLS_PER_MINUTE = 120

/** The open API's address prefix. */
export const OPEN_API_PREFIX = '/api/open/'

declare module 'fastify' {
  interface FastifyRequest {
    /** The service account's token, on /api/open/ requests that carry a live one. */
    apiToken: ApiToken | null
  }
}

export function registerTokenAuth(app: FastifyInstance): void {
  app.decorateRequest('apiToken', null)
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith(OPEN_API_PREFIX)) return
    // Cookies never authenticate here, whatever the session plugin found.
    request.auth = null
    request.sessionExpired = false
    request.isAccountDisabled = false
    const header = request.headers.authorization ?? ''
    const secret = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header)?.[1]
    if (!secret) throw new HttpError(401, 'api_token_invalid')
    const { db } = app.database
    const token = await findLiveToken(db, secret)
    const unit = token ? await findOrgUnit(db, token.unitId) : undefined
    if (!token || !unit) throw new HttpError(401, 'api_token_invalid')
    const allowed = await reserveAttempt(
      db,
      [{ key: `api:${token.id}`, limit: API_CALLS_PER_MINUTE, windowMs: 60_000 }],
      new Date(),
    )
    if (!allowed) throw new HttpError(429, 'too_many_api_calls')
    request.apiToken = token
    request.auth = {
      // Not a user id (user ids have no colon): nothing else can claim it.
      user: {
        id: `service:${token.id}`,
        phone: '',
        name: token.name,
        role: token.role,
        orgUnitId: unit.id,
      },
      orgUnit: unit,
    }
  })
}
