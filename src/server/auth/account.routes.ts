/**
 * Accounts after creation: a user changes their own password (other sessions
 * end, this one stays); an admin deactivates a user (every session ends at
 * once; their next request answers account_disabled, a login answers as
 * for a wrong password, ADR 0006) or activates them again, or lifts the
 * login limits of a user that guessers have locked out.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { changePasswordSchema, userSchema } from '#shared/auth/auth.schema.ts'
import { HttpError } from '../plugins/errors.ts'
import { SESSION_COOKIE } from '../plugins/auth.ts'
import { loadManagedUser, requireAuth } from '../plugins/scope.ts'
import { findUser, toUser } from '../org/org.repository.ts'
import {
  acceptPasswordAttempt,
  clearPasswordAttempts,
  reservePasswordAttempt,
} from './login-guard.ts'
import { hashPassword, verifyPassword } from './password.ts'
import { revokeUserSessions } from './session.repository.ts'
import { auditUserChange } from '../admin/audit.repository.ts'

const userParams = z.object({ userId: z.string().min(1).max(64) })

export function accountRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db } = app.database

  api.post(
    '/api/auth/password',
    {
      schema: {
        body: changePasswordSchema,
        response: { 200: z.object({ otherSessionsEnded: z.number() }) },
      },
    },
    async (request) => {
      const auth = requireAuth(request, { allowTemporaryPassword: true })
      const now = new Date()
      // A stolen, signed-in phone must not become a way to guess the password:
      // wrong answers count against the same limits as logins.
      const attempt = await reservePasswordAttempt(db, auth.user.phone, request.ip, now)
      if (!attempt) throw new HttpError(429, 'too_many_attempts')
      const row = await findUser(db, auth.user.id)
      if (!row || !(await verifyPassword(row.password_hash, request.body.currentPassword))) {
        throw new HttpError(400, 'wrong_password')
      }
      await acceptPasswordAttempt(db, attempt, auth.user.phone, request.ip)
      await db
        .updateTable('app_user')
        // A temporary password is spent once its holder chose their own.
        .set({
          password_hash: await hashPassword(request.body.newPassword),
          must_change_password: 0,
        })
        .where('id', '=', row.id)
        .execute()
      const ended = await revokeUserSessions(db, row.id, now, request.cookies[SESSION_COOKIE])
      return { otherSessionsEnded: ended }
    },
  )

  for (const [action, isActive] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    api.post(
      `/api/users/:userId/${action}`,
      { schema: { params: userParams, response: { 200: userSchema } } },
      async (request) => {
        const { auth, target } = await loadManagedUser(db, request, request.params.userId)
        if (!isActive && target.id === auth.user.id) {
          throw new HttpError(400, 'cannot_deactivate_self')
        }
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('app_user')
            .set({ is_active: isActive ? 1 : 0 })
            .where('id', '=', target.id)
            .execute()
          if (!isActive) await revokeUserSessions(trx, target.id, new Date())
          await auditUserChange(
            trx,
            auth,
            target,
            `user.${action}`,
            {
              isActive: target.is_active === 1,
            },
            { isActive },
          )
        })
        return toUser({ ...target, is_active: isActive ? 1 : 0 })
      },
    )
  }

  // A guesser working from many addresses can still reach the per-phone limit
  // and lock the real user out for a window (ADR 0006); an admin who has
  // checked with the person ends that at once.
  api.post(
    '/api/users/:userId/unlock',
    { schema: { params: userParams, response: { 200: userSchema } } },
    async (request) => {
      const { auth, target } = await loadManagedUser(db, request, request.params.userId)
      await clearPasswordAttempts(db, target.phone)
      await auditUserChange(db, auth, target, 'user.unlock', null, null)
      request.log.info({ userId: target.id, by: auth.user.id }, 'login limits cleared')
      return toUser(target)
    },
  )
}
