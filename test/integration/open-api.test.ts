/**
 * The open API (issue #19.4) through the real server, on both dialects:
 * service-account tokens issued by an administrator (hashed, scoped to a
 * unit and a role, revocable, rate-limited); a platform pushes reports in
 * (deduped by ticket) and reads their standing, within its token's scope
 * only; cookies never open it; and the OpenAPI document at /api/docs,
 * generated from the routes' zod schemas, is well formed and lists every
 * route the server answers under /api.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportSource } from '#shared/import/import.schema.ts'
import type { ReportStatus } from '#shared/import/open-api.schema.ts'
import { API_CALLS_PER_MINUTE } from '#server/open-api/token-auth.ts'
import { type Person } from '../support/demo-county.ts'
import { loginAll } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = ['admin', 'township', 'county', 'gridWorker'] as const satisfies readonly Person[]
type Who = (typeof PEOPLE)[number]

const REPORT = {
  ticket: 'API-0001',
  village: '柳河村',
  description: '小区门口的下水道堵了',
  name: '王五',
  phone: '13712345678',
}

interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, OpenApiOperation>>
}
interface OpenApiOperation {
  parameters?: { in: string; name: string; schema: object }[]
  requestBody?: { content: Record<string, { schema: object }> }
  responses: Record<string, { content?: Record<string, { schema: object }> }>
}

describe.each(DIALECTS)('open API on %s', (dialect) => {
  let server: TestServer
  let as: (who: Who) => string
  let sourceId: string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
    const source = await server.app.inject({
      method: 'POST',
      url: '/api/import/sources',
      headers: { cookie: as('county') },
      payload: {
        name: '网格化管理平台',
        channel: 'grid_visit',
        category: 'public_interest',
        columns: { ticket: '编号', village: '村社', description: '内容' },
      },
    })
    expect(source.statusCode, source.body).toBe(201)
    sourceId = source.json<ImportSource>().id
  })
  afterAll(() => server.close())

  const issue = async (fields: Record<string, unknown> = {}, who: Who = 'admin') => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      headers: { cookie: as(who) },
      payload: {
        name: '网格平台对接',
        unitId: 'demo-t1',
        role: 'township_staff',
        sourceId,
        ...fields,
      },
    })
    return response
  }
  const tokenFor = async (fields: Record<string, unknown> = {}) => {
    const response = await issue(fields)
    expect(response.statusCode, response.body).toBe(201)
    return response.json<{ id: string; token: string }>()
  }
  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    server.app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload ? { payload } : {}),
    })

  it('lets only an administrator issue tokens, for a unit in scope and a role that fits it; only the hash is stored', async () => {
    expect((await issue({}, 'county')).statusCode).toBe(403)
    expect((await issue({}, 'gridWorker')).statusCode).toBe(403)
    const misfit = await issue({ role: 'grid_worker' })
    expect(misfit.statusCode).toBe(400)
    expect(misfit.json<{ message: string }>().message).toBe('该角色不能设在这一级单位')
    expect((await issue({ role: 'admin', unitId: 'demo-county' })).statusCode).toBe(400)
    const { token } = await tokenFor()
    expect(token).toMatch(/^shs_/)
    const stored = await server.database.db.selectFrom('api_token').select('token_hash').execute()
    expect(stored.map((r) => r.token_hash)).not.toContain(token)
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/api-tokens',
      headers: { cookie: as('admin') },
    })
    expect(list.body).not.toContain(token)
  })

  it('pushes a report once per ticket and reads its standing', async () => {
    const { token } = await tokenFor()
    const created = await call(token, 'POST', '/api/open/v1/reports', REPORT)
    expect(created.statusCode, created.body).toBe(201)
    const receipt = created.json<{ id: string; outcome: string }>()
    expect(receipt.outcome).toBe('created')
    const again = await call(token, 'POST', '/api/open/v1/reports', REPORT)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual({ id: receipt.id, ticket: 'API-0001', outcome: 'duplicate' })
    const status = await call(token, 'GET', '/api/open/v1/reports/API-0001')
    expect(status.statusCode, status.body).toBe(200)
    expect(status.json<ReportStatus>()).toMatchObject({
      id: receipt.id,
      status: 'registered',
      orgPath: '/demo-county/demo-t1/demo-t1-v1/demo-t1-v1-g1/',
      resolution: null,
    })
    expect((await call(token, 'GET', '/api/open/v1/reports/NOPE')).statusCode).toBe(404)
  })

  it('creates one report when the same ticket is pushed five times at once', async () => {
    const { token } = await tokenFor()
    const report = { ...REPORT, ticket: 'API-BURST' }
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call(token, 'POST', '/api/open/v1/reports', report)),
    )
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 201])
    expect(new Set(answers.map((a) => a.json<{ id: string }>().id)).size).toBe(1)
  })

  it("refuses a report outside the token's unit with a Chinese reason, and a token of another unit cannot read it", async () => {
    const { token } = await tokenFor()
    const outside = await call(token, 'POST', '/api/open/v1/reports', {
      ...REPORT,
      ticket: 'API-0002',
      village: '石桥村',
    })
    expect(outside.statusCode).toBe(400)
    expect(outside.json<{ message: string }>().message).toBe(
      '找不到村社“石桥村”（须在本单位范围内）',
    )
    const other = await tokenFor({ unitId: 'demo-t2' })
    const read = await call(other.token, 'GET', '/api/open/v1/reports/API-0001')
    expect(read.statusCode).toBe(403)
  })

  it('answers no token, a bad one, a session cookie or a revoked token with 401', async () => {
    expect((await call(null, 'GET', '/api/open/v1/reports/API-0001')).statusCode).toBe(401)
    expect(
      (await call('shs_not-a-real-token', 'GET', '/api/open/v1/reports/API-0001')).statusCode,
    ).toBe(401)
    const withCookie = await server.app.inject({
      method: 'GET',
      url: '/api/open/v1/reports/API-0001',
      headers: { cookie: as('county') },
    })
    expect(withCookie.statusCode).toBe(401)
    const { id, token } = await tokenFor()
    expect((await call(token, 'GET', '/api/open/v1/reports/API-0001')).statusCode).toBe(200)
    const revoke = await server.app.inject({
      method: 'DELETE',
      url: `/api/api-tokens/${id}`,
      headers: { cookie: as('admin') },
    })
    expect(revoke.statusCode).toBe(204)
    const after = await call(token, 'GET', '/api/open/v1/reports/API-0001')
    expect(after.statusCode).toBe(401)
    expect(after.json<{ message: string }>().message).toBe('接口令牌无效或已吊销')
  })

  it('lets a parallel burst through only up to the per-token limit', async () => {
    const { token } = await tokenFor()
    const answers = await Promise.all(
      Array.from({ length: API_CALLS_PER_MINUTE + 10 }, () =>
        call(token, 'GET', '/api/open/v1/reports/API-0001'),
      ),
    )
    const codes = answers.map((a) => a.statusCode)
    expect(codes.filter((c) => c === 200)).toHaveLength(API_CALLS_PER_MINUTE)
    expect(codes.filter((c) => c === 429)).toHaveLength(10)
  })

  it("reads a ledger out with the token's scope and masking, and only with a token", async () => {
    const { token } = await tokenFor()
    const own = await call(token, 'GET', '/api/open/v1/ledgers/issues?format=csv')
    expect(own.statusCode, own.body).toBe(200)
    expect(own.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(own.body).toContain(REPORT.description)
    // A township's staff see the resident masked, as on their phones.
    expect(own.body).not.toContain(REPORT.phone)
    const xlsx = await call(token, 'GET', '/api/open/v1/ledgers/issues')
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK')
    // Another township's token sees none of it, and cannot drill into demo-t1.
    const other = await tokenFor({ unitId: 'demo-t2' })
    const theirs = await call(other.token, 'GET', '/api/open/v1/ledgers/issues?format=csv')
    expect(theirs.statusCode).toBe(200)
    expect(theirs.body).not.toContain(REPORT.description)
    const drill = await call(other.token, 'GET', '/api/open/v1/ledgers/issues?unitId=demo-t1')
    expect(drill.statusCode).toBe(403)
    expect((await call(token, 'GET', '/api/open/v1/ledgers/nope')).statusCode).toBe(404)
    const withCookie = await server.app.inject({
      method: 'GET',
      url: '/api/open/v1/ledgers/issues',
      headers: { cookie: as('county') },
    })
    expect(withCookie.statusCode).toBe(401)
  })

  it('serves a well-formed OpenAPI document listing every route under /api', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/docs' })
    expect(response.statusCode).toBe(200)
    const doc = response.json<OpenApiDocument>()
    expect(doc.openapi).toBe('3.1.0')
    // Every route the server answers, from Fastify's own table (a tree: each
    // level is indented by four characters and continues its parent's path).
    const stack: string[] = []
    const routes = server.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .flatMap((line) => {
        const match = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?/.exec(line)
        if (!match?.[2]) return []
        const depth = (match[1] ?? '').length / 4
        const path = `${stack[depth - 1] ?? ''}${match[2]}`
        stack[depth] = path
        if (!path.startsWith('/api/') || !match[3]) return []
        return match[3]
          .split(', ')
          .filter((m) => m !== 'HEAD')
          .map((m) => `${m.toLowerCase()} ${path.replace(/:(\w+)/g, '{$1}')}`)
      })
    expect(routes.length).toBeGreaterThan(40)
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    )
    expect(documented.sort()).toEqual([...new Set(routes)].sort())
    // Each schema compiles as JSON Schema 2020-12 (OpenAPI 3.1's dialect); path parameters are declared.
    const ajv = new Ajv2020({ strict: false, validateFormats: false })
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) {
        const named = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)
        expect(declared.sort(), path).toEqual(named.sort())
        const schemas = [
          ...(op.parameters ?? []).map((p) => p.schema),
          ...Object.values(op.requestBody?.content ?? {}).map((c) => c.schema),
          ...Object.values(op.responses).flatMap((r) =>
            Object.values(r.content ?? {}).map((c) => c.schema),
          ),
        ]
        for (const schema of schemas) expect(() => ajv.compile(schema), path).not.toThrow()
      }
    }
    expect(doc.paths['/api/open/v1/reports']?.post).toBeDefined()
    expect(doc.paths['/api/open/v1/ledgers/{ledgerId}']?.get?.parameters).toContainEqual(
      expect.objectContaining({ in: 'query', name: 'format' }),
    )
  })
})
