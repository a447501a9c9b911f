/**
 * Closes a class of input for every route, present and future: no string
 * holding U+0000 or a lone surrogate reaches a handler, whatever its field
 * (ids, unknown keys, query strings, path parameters). PostgreSQL's text type
 * refuses U+0000 (a 500), and UTF-8 cannot encode a lone surrogate (the
 * driver silently stores U+FFFD), so such a string would be stored
 * differently, or not at all, depending on the dialect. The schemas' text
 * rule (src/shared/common/text.schema.ts) then cleans what is left.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { findUnsafeString } from '#shared/common/text.schema.ts'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { HttpError } from './errors.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Body subtrees a route checks itself: the sync push refuses one
     * mutation's payload on its own, so one bad mutation never blocks the
     * batch (and the device's outbox) behind it.
     */
    textGuardSkip?: (path: readonly string[]) => boolean
  }
}

export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request: FastifyRequest, _reply, done) => {
    const skip = request.routeOptions.config.textGuardSkip
    const path =
      findUnsafeString(request.params) ??
      findUnsafeString(request.query) ??
      // Only parsed JSON: a text/plain or binary body is the route's own business
      // (the blob route answers 415 to a photo sent as text).
      (typeof request.body === 'object' ? findUnsafeString(request.body, skip) : null)
    if (path === null) return done()
    done(new HttpError(400, 'invalid_text', undefined, { [path]: ERROR_MESSAGES.invalid_text }))
  })
}
