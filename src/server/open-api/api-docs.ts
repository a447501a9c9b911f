/**
 * The OpenAPI description of the server (issue #19.4), generated from the
 * routes' own zod schemas (@fastify/swagger with fastify-type-provider-zod's
 * transform), so it cannot drift from what the server checks. Registered
 * before any route, so that every route is in it; served at /api/docs.
 */
import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'
import { APP_VERSION } from '../version.ts'

/** Registers the generator; `apiDocsRoute` serves its document. */
export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '说事 Shuoshi API',
        description:
          '开放接口（/api/open/v1，凭接口令牌）与应用自身使用的接口。示例见 docs/api.md。',
        version: APP_VERSION,
      },
      components: {
        securitySchemes: {
          apiToken: { type: 'http', scheme: 'bearer', description: '服务账号的接口令牌' },
          session: { type: 'apiKey', in: 'cookie', name: 'shuoshi_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  })
}

/** GET /api/docs: the document, as JSON. */
export function apiDocsRoute(app: FastifyInstance): void {
  app.get('/api/docs', { schema: { tags: ['docs'], summary: 'OpenAPI 描述' } }, () => app.swagger())
}
