/**
 * Who is asking: reads the session cookie on every /api request and attaches
 * the signed-in user and their org unit (or null). Deciding what they may do
 * is `scope.ts`'s job.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { User } from '#shared/auth/auth.schema.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import { findSessionOwnerId, findSessionUserId } from '../auth/session.repository.ts'
import { findOrgUnit, findUser, toUser } from '../org/org.repository.ts'

export const SESSION_COOKIE = 'shuoshi_session'

export interface AuthContext {
  user: User
  orgUnit: OrgUnit
  /** Set while the password is a temporary one: only changing it is allowed (scope.ts). */
  mustChangePassword?: boolean
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null
    /** Set when a cookie was sent but named no live session. */
    sessionExpired: boolean
    /** Set with `sessionExpired` when that session's account was disabled. */
    isAccountDisabled: boolean
  }
}

export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('auth', null)
  app.decorateRequest('sessionExpired', false)
  app.decorateRequest('isAccountDisabled', false)
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/')) return
    const token = request.cookies[SESSION_COOKIE]
    if (!token) return
    const { db } = app.database
    const userId = await findSessionUserId(db, token, new Date())
    const row = userId ? await findUser(db, userId) : undefined
    const orgUnit = row?.is_active ? await findOrgUnit(db, row.org_unit_id) : undefined
    if (!row || !orgUnit) {
      request.sessionExpired = true
      // Only a cookie holder learns that the account is disabled: they proved
      // the password once. A login never says so (ADR 0006).
      const ownerId = userId ?? (await findSessionOwnerId(db, token))
      const owner = row ?? (ownerId ? await findUser(db, ownerId) : undefined)
      request.isAccountDisabled = owner !== undefined && !owner.is_active
      return
    }
    request.auth = {
      user: toUser(row),
      orgUnit,
      mustChangePassword: row.must_change_password === 1,
    }
  })
}
