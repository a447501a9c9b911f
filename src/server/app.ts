/**
 * Builds the Fastify instance: plugins first, then the routes of each domain,
 * listed explicitly. `main.ts` starts it; tests build it and call `inject()`.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import cookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import { registerCompression } from './plugins/compression.ts'
import { registerErrorHandler, registerNotFound } from './plugins/errors.ts'
import { registerAuth } from './plugins/auth.ts'
import { registerCsrfGuard } from './plugins/csrf.ts'
import { PRE_ROUTING_HEADERS, registerSecurityHeaders } from './plugins/security-headers.ts'
import { registerTextGuard } from './plugins/text-guard.ts'
import { registerLoadShedding } from './plugins/load-shedding.ts'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { authRoutes } from './auth/auth.routes.ts'
import { orgRoutes } from './org/org.routes.ts'
import { healthRoutes } from './health/health.routes.ts'
import { syncRoutes } from './sync/sync.routes.ts'
import { blobRoutes } from './blob/blob.routes.ts'
import { accountRoutes } from './auth/account.routes.ts'
import { discussableRoutes } from './discussable/discussable.routes.ts'
import { supervisionRoutes } from './supervision/supervision.routes.ts'
import type { KindRegistry } from './sync/kinds.ts'
import { settingsRoutes } from './settings/settings.routes.ts'
import {
  createSettingsState,
  initialSettingsOf,
  type SettingsState,
} from './settings/settings.state.ts'
import { assessmentRoutes } from './assessment/assessment.routes.ts'
import { consultationRoutes } from './consultation/consultation.routes.ts'
import { catalogueRoutes } from './consultation/catalogue.routes.ts'
import { consultationPublicRoutes } from './consultation/public.routes.ts'
import { rankingRoutes } from './livelihood/ranking.routes.ts'
import { livelihoodPublicRoutes } from './livelihood/public.routes.ts'
import { publicEntryRoutes } from './public/public-entry.routes.ts'
import { wallRoutes } from './public/wall.routes.ts'
import { disclosureRoutes } from './disclosure/disclosure.routes.ts'
import { openPostEvaluationsAfterPush } from './assessment/post-evaluation.trigger.ts'
import { openSelfCorrectionWithinPush } from './oversight/self-correction.trigger.ts'
import { oversightRoutes } from './oversight/oversight.routes.ts'
import { dropLeftTopicsWithinPush } from './meeting/private-topics.ts'
import { publicReportRoutes } from './issue/public-report.routes.ts'
import { indexTrackingWithinPush } from './issue/report-tracking.repository.ts'
import { ledgerRoutes } from './ledger/ledger.routes.ts'
import { importRoutes } from './import/import.routes.ts'
import { apiDocsRoute, registerApiDocs } from './open-api/api-docs.ts'
import { openApiRoutes } from './open-api/open-api.routes.ts'
import { registerTokenAuth } from './open-api/token-auth.ts'
import { adminRoutes } from './admin/admin.routes.ts'
import { handoverRoutes } from './admin/handover.routes.ts'
import { userImportRoutes } from './admin/user-import.routes.ts'

declare module 'fastify' {
  interface FastifyInstance {
    database: Database
    config: Config
    /** The county settings in force (src/server/settings). */
    countySettings: SettingsState
  }
}

// Validation messages in Chinese, for the server's 400 answers.
z.config(z.locales.zhCN())

export interface BuildOptions {
  config: Config
  database: Database
  /** Pino logger options; false silences the log (tests). */
  logger?: boolean | { level: string }
  /**
   * The record kinds to sync (tests may add their own); by default the kinds
   * on the county settings in force, following every change.
   */
  kinds?: KindRegistry
}

export async function buildApp({
  config,
  database,
  logger,
  kinds: givenKinds,
}: BuildOptions): Promise<FastifyInstance> {
  const countySettings = createSettingsState(initialSettingsOf(config), {
    submitBy: config.livelihoodSubmitBy,
  })
  await countySettings.refresh(database.db)
  const kinds = givenKinds ?? countySettings.kinds
  const options: FastifyServerOptions = {
    logger: logger ?? { level: config.logLevel },
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: config.trustProxy,
    // Errors Fastify raises before routing (bad URL encoding, over-long
    // parameters) get our body too, never Fastify's English one.
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400
      // Written raw: the reply is not fully typed at this stage of the request.
      reply.raw
        .writeHead(status, {
          ...PRE_ROUTING_HEADERS,
          'content-type': 'application/json; charset=utf-8',
        })
        .end(JSON.stringify({ code: 'bad_request', message: ERROR_MESSAGES.bad_request }))
    },
  }
  const app = Fastify(options)
  app.decorate('database', database)
  app.decorate('config', config)
  app.decorate('countySettings', countySettings)
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  registerErrorHandler(app)
  // Headers first, so that every answer carries them, refusals included; the
  // CSRF guard before auth, so a forged request costs no session lookup.
  await registerSecurityHeaders(app, { isHttps: config.secureCookies })
  // Before everything else: a shed request costs no cookie, session or body work.
  registerLoadShedding(app, config.loadShedLagMs)
  // Before the routes and the static files, so that it sees every answer.
  await registerCompression(app)
  registerCsrfGuard(app, config.publicOrigins)
  await app.register(cookie)
  registerAuth(app)
  // After the session's hook: the open API answers to tokens only.
  registerTokenAuth(app)
  registerTextGuard(app)
  // Before every route, so that the OpenAPI document lists them all.
  await registerApiDocs(app)

  healthRoutes(app)
  authRoutes(app)
  accountRoutes(app)
  orgRoutes(app)
  adminRoutes(app)
  handoverRoutes(app)
  await userImportRoutes(app)
  syncRoutes(app, kinds, {
    withinPush: async (ctx, trx, results) => {
      await dropLeftTopicsWithinPush(ctx, trx, results)
      await openSelfCorrectionWithinPush(ctx, trx, results)
      await indexTrackingWithinPush(ctx, trx, results)
    },
    afterPush: (results) => openPostEvaluationsAfterPush(database, kinds, results),
  })
  discussableRoutes(app)
  supervisionRoutes(app)
  assessmentRoutes(app, kinds)
  consultationRoutes(app, kinds)
  catalogueRoutes(app)
  consultationPublicRoutes(app, kinds)
  rankingRoutes(app, kinds)
  livelihoodPublicRoutes(app)
  wallRoutes(app)
  disclosureRoutes(app)
  oversightRoutes(app)
  settingsRoutes(app, countySettings)
  publicReportRoutes(app, kinds)
  ledgerRoutes(app, kinds)
  await importRoutes(app, kinds)
  openApiRoutes(app, kinds)
  apiDocsRoute(app)
  await blobRoutes(app)

  const hasApp = existsSync(join(config.staticDir, 'index.html'))
  if (hasApp) await serveApp(app, config.staticDir)
  if (hasApp) publicEntryRoutes(app, config.staticDir)
  registerNotFound(app, hasApp ? 'index.html' : null)
  return app
}

/** Serves the built PWA's files. */
async function serveApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    // Send the .br / .gz copy written at build when the client accepts it.
    preCompressed: true,
    setHeaders(reply, path) {
      // Hashed assets never change; the shell and the service worker must be re-checked.
      const isHashed = path.startsWith(join(root, 'assets'))
      void reply.header(
        'Cache-Control',
        isHashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    },
  })
}
