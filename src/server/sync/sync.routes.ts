/** POST /api/sync/push and GET /api/sync/pull: the device's only way to exchange records. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  DEFAULT_PULL_LIMIT,
  MAX_PULL_LIMIT,
  MAX_PUSH_BYTES,
  MIN_SUPPORTED_SCHEMA,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  SCHEMA_HEADER,
  SYNC_SCHEMA_VERSION,
  type MutationResult,
} from '#shared/sync/sync.protocol.ts'
import { encodePullPage, LEAN_WIRE, leanPullResponseSchema } from '#shared/sync/wire.ts'
import { HttpError } from '../plugins/errors.ts'
import { requireAuth } from '../plugins/scope.ts'
import { decodeCursor } from './cursor.ts'
import type { KindRegistry } from './kinds.ts'
import { serverEpoch } from './mutation.repository.ts'
import { pullPage } from './pull.ts'
import { applyBatch, type WithinPush } from './push.ts'

/**
 * Runs before body validation: a signed-in device with an old schema must hear
 * "update the app" (426, outbox kept), not "your data is invalid" (400).
 */
function signedInWithCurrentSchema(
  request: FastifyRequest,
  _reply: unknown,
  done: (error?: Error) => void,
): void {
  try {
    requireAuth(request)
    assertSchemaVersion(request)
    done()
  } catch (error) {
    done(error instanceof Error ? error : new Error(String(error)))
  }
}

/** 426 unless the device speaks a schema version this server accepts. */
function assertSchemaVersion(request: FastifyRequest): void {
  const version = Number(request.headers[SCHEMA_HEADER])
  if (
    !Number.isInteger(version) ||
    version < MIN_SUPPORTED_SCHEMA ||
    version > SYNC_SCHEMA_VERSION
  ) {
    throw new HttpError(426, 'client_outdated')
  }
}

/** `mutations.<n>.payload`: what push.ts checks mutation by mutation. */
function isMutationPayload(path: readonly string[]): boolean {
  return path.length === 3 && path[0] === 'mutations' && path[2] === 'payload'
}

export interface SyncRouteOptions {
  /**
   * Runs after a push committed, with its results (e.g. the post-evaluation
   * trigger). A failure is logged and does not change the device's answer:
   * its mutations are stored either way.
   */
  afterPush?: (results: MutationResult[]) => Promise<void>
  /**
   * Runs inside the push's transaction, before it commits (e.g. a private
   * matter leaving its discussion day): stored with the push or not at all.
   */
  withinPush?: WithinPush
}

export function syncRoutes(
  app: FastifyInstance,
  kinds: KindRegistry,
  options: SyncRouteOptions = {},
): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const { db, dialect } = app.database

  api.post(
    '/api/sync/push',
    {
      // Room for a full batch plus JSON overhead; beyond it 413.
      bodyLimit: MAX_PUSH_BYTES + 64 * 1024,
      preValidation: signedInWithCurrentSchema,
      // A payload's bad string refuses that mutation only (push.ts), never the batch.
      config: { textGuardSkip: isMutationPayload },
      schema: { body: pushRequestSchema, response: { 200: pushResponseSchema } },
    },
    async (request) => {
      const auth = requireAuth(request)
      const epoch = await serverEpoch(db)
      // A device from before a restore re-offers its journal first (it would
      // otherwise push newer changes ahead of the older ones this server lost).
      if (request.body.epoch !== undefined && request.body.epoch !== epoch) {
        return { epoch, results: [] }
      }
      // In order: a later mutation may build on an earlier one of the same batch.
      const results = await applyBatch(
        { db, dialect, kinds, auth, log: request.log },
        request.body.mutations,
        options.withinPush,
      )
      await options.afterPush?.(results).catch((error: unknown) => {
        request.log.error({ err: error }, 'after-push hook failed')
      })
      return { epoch, results }
    },
  )

  api.get(
    '/api/sync/pull',
    {
      preValidation: signedInWithCurrentSchema,
      schema: {
        querystring: z.object({
          cursor: z.string().max(2000).optional(),
          limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
          /**
           * The page encoding the device decodes (src/shared/sync/wire.ts). A
           * device that does not ask, or asks for one this server does not
           * know, gets the plain page every version decodes.
           */
          wire: z.string().max(10).optional(),
        }),
        response: { 200: z.union([leanPullResponseSchema, pullResponseSchema]) },
      },
    },
    async (request) => {
      const auth = requireAuth(request)
      const cursor = request.query.cursor ? decodeCursor(request.query.cursor) : null
      if (request.query.cursor && !cursor)
        throw new HttpError(400, 'bad_request', '同步游标无效，请重新同步')
      const epoch = await serverEpoch(db)
      const page = await pullPage(
        { db, dialect, kinds, auth, epoch, log: request.log },
        cursor,
        request.query.limit,
      )
      return request.query.wire === String(LEAN_WIRE) ? encodePullPage(page) : page
    },
  )
}
