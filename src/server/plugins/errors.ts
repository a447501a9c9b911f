/**
 * The one error handler. Client mistakes become 4xx `{ code, message }` with a
 * Chinese reason; anything unexpected is logged in full and answered with a
 * bare 500 that leaks nothing.
 */
import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { ERROR_MESSAGES, type ApiErrorBody, type ErrorCode } from '#shared/api/api-error.ts'

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

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let status = 500
    let body: ApiErrorBody
    if (error instanceof HttpError) {
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
