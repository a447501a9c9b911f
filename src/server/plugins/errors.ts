/**
 * The one error handler. Client mistakes become 4xx `{ code, message }` with a
 * Chinese reason; a full disk or an unreachable database becomes 507 / 503
 * "try again later" (nothing was changed, and the server recovers by itself);
 * anything else unexpected is logged in full and answered with a bare 500 that
 * leaks nothing.
 */
import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { ERROR_MESSAGES, type ApiErrorBody, type ErrorCode } from '#shared/api/api-error.ts'
import { infrastructureFault, type InfrastructureFault } from '../db/db-errors.ts'

/** Throw this from a handler to answer a client with a known error. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? ERROR_MESSAGES[code])
  }
}

/** Fastify's own client-error codes, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
}

/**
 * Infrastructure failures, whatever route or repository met them (a login's
 * failure row, a push, a photo, a session touch): 507 Insufficient Storage or
 * 503, with a reason that tells the person their records are safe on the phone.
 */
const FAULTS: Record<InfrastructureFault, { status: number; code: ErrorCode }> = {
  storage_full: { status: 507, code: 'server_storage_full' },
  database_unavailable: { status: 503, code: 'database_unavailable' },
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * When each infrastructure fault was last met (epoch ms), so /api/health
     * can say "storage full" even where it cannot measure the disk (PostgreSQL).
     */
    lastFaultAt: Record<InfrastructureFault, number | null>
  }
}

/** Seconds a client should wait before retrying after an infrastructure failure. */
const RETRY_AFTER_SECONDS = 30

export function registerErrorHandler(app: FastifyInstance): void {
  app.decorate('lastFaultAt', { storage_full: null, database_unavailable: null })
  // A write that succeeds again means the space came back: forget the fault.
  app.addHook('onResponse', (request, reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) {
      app.lastFaultAt.storage_full = null
    }
    done()
  })
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let status = 500
    let body: ApiErrorBody
    const fault = error instanceof HttpError ? null : infrastructureFault(error)
    if (fault) {
      const { status: faultStatus, code } = FAULTS[fault]
      status = faultStatus
      body = { code, message: ERROR_MESSAGES[code] }
      app.lastFaultAt[fault] = Date.now()
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS))
    } else if (error instanceof HttpError) {
      status = error.statusCode
      body = { code: error.code, message: error.message }
      if (error.fields) body.fields = error.fields
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      status = 400
      const fields: Record<string, string> = {}
      for (const issue of error.validation) {
        const key = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || '_'
        fields[key] ??= issue.message ?? ERROR_MESSAGES.validation_failed
      }
      body = { code: 'validation_failed', message: ERROR_MESSAGES.validation_failed, fields }
    } else if (typeof error.statusCode === 'number' && error.statusCode < 500) {
      status = error.statusCode
      const code: ErrorCode =
        FASTIFY_CODES[error.code] ?? (status === 404 ? 'not_found' : 'bad_request')
      body = { code, message: ERROR_MESSAGES[code] }
    } else {
      body = { code: 'internal', message: ERROR_MESSAGES.internal }
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ code: body.code, status }, 'client error')
    return reply.status(status).send(body)
  })
}

/**
 * Unknown routes: JSON 404 for the API; with `spaIndex`, any other GET gets the
 * PWA's index.html so client-side routes survive a reload.
 */
export function registerNotFound(app: FastifyInstance, spaIndex: string | null): void {
  app.setNotFoundHandler((request, reply) => {
    if (
      spaIndex &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api/')
    ) {
      return reply.header('Cache-Control', 'no-cache').sendFile(spaIndex)
    }
    return reply.status(404).send({ code: 'not_found', message: ERROR_MESSAGES.not_found })
  })
}
