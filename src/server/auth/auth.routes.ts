/** Login, logout, who-am-I and session revocation. */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { loginSchema, meSchema, type Me } from '#shared/auth/auth.schema.ts'
import { HttpError } from '../plugins/errors.ts'
import { SESSION_COOKIE, type AuthContext } from '../plugins/auth.ts'
import { loadUserInScope, requireAuth, requirePermission } from '../plugins/scope.ts'
import { findOrgUnit, findPathUnits, findUserByPhone, toUser } from '../org/org.repository.ts'
import {
  createSession,
  pruneSessions,
  revokeSession,
  revokeUserSessions,
} from './session.repository.ts'
import { acceptPasswordAttempt, reservePasswordAttempt } from './login-guard.ts'
import { verifyPassword } from './password.ts'
import { auditUserChange } from '../admin/audit.repository.ts'

export function authRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  async function meOf(auth: AuthContext): Promise<Me> {
    return {
      user: auth.user,
      orgUnit: auth.orgUnit,
      orgPath: await findPathUnits(db, auth.orgUnit.path),
      ...(auth.mustChangePassword ? { mustChangePassword: true } : {}),
    }
  }

  api.post(
    '/api/auth/login',
    { schema: { body: loginSchema, response: { 200: meSchema } } },
    async (request, reply) => {
      const { phone, password } = request.body
      const now = new Date()
      const attempt = await reservePasswordAttempt(db, phone, request.ip, now)
      if (!attempt) throw new HttpError(429, 'too_many_attempts')
      const row = await findUserByPhone(db, phone)
      const isValid = await verifyPassword(row?.password_hash, password)
      // A disabled account answers exactly as a wrong password does, after the
      // same work, and the attempt counts as a failure either way: otherwise
      // the answer (or the limit) would confirm its password (ADR 0006).
      const orgUnit =
        row && isValid && row.is_active ? await findOrgUnit(db, row.org_unit_id) : null
      if (!row || !orgUnit) throw new HttpError(401, 'invalid_credentials')
      await acceptPasswordAttempt(db, attempt, phone, request.ip)
      await pruneSessions(db, now)
      const token = await createSession(db, row.id, now, app.config.sessionDays)
      void reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.secureCookies,
        path: '/',
        maxAge: app.config.sessionDays * 86_400,
      })
      request.auth = {
        user: toUser(row),
        orgUnit,
        mustChangePassword: row.must_change_password === 1,
      }
      return meOf(request.auth)
    },
  )

  api.post('/api/auth/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE]
    if (token) await revokeSession(db, token, new Date())
    void reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.status(204).send()
  })

  api.get('/api/me', { schema: { response: { 200: meSchema } } }, async (request) =>
    meOf(requireAuth(request, { allowTemporaryPassword: true })),
  )

  api.post(
    '/api/users/:userId/revoke-sessions',
    {
      schema: {
        params: z.object({ userId: z.string().min(1) }),
        response: { 200: z.object({ revoked: z.number() }) },
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'session.revoke')
      const target = await loadUserInScope(db, auth, request.params.userId)
      const revoked = await revokeUserSessions(db, target.id, new Date())
      await auditUserChange(db, auth, target, 'user.revoke_sessions', null, { revoked })
      return { revoked }
    },
  )
}
