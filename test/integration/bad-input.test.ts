import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { SESSION_COOKIE } from '#server/plugins/auth.ts'
import { PHONES } from '../support/demo-county.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u
const LOGIN = { method: 'POST', url: '/api/auth/login' } as const
const JSON_TYPE = { 'content-type': 'application/json' }

/** Requests a careless or hostile client might send; `cookie: true` adds an admin session. */
const BAD_REQUESTS: [name: string, request: InjectOptions & { cookie?: boolean }][] = [
  ['malformed JSON', { ...LOGIN, headers: JSON_TYPE, payload: '{"phone": "1390000' }],
  [
    'JSON that is not an object',
    { ...LOGIN, headers: JSON_TYPE, payload: JSON.stringify(PHONES.admin) },
  ],
  ['JSON null', { ...LOGIN, headers: JSON_TYPE, payload: 'null' }],
  ['a JSON array', { ...LOGIN, headers: JSON_TYPE, payload: '[1, 2, 3]' }],
  [
    'a __proto__ key',
    { ...LOGIN, headers: JSON_TYPE, payload: '{"__proto__": {"isAdmin": true}}' },
  ],
  [
    'fields of the wrong type',
    { ...LOGIN, payload: { phone: Number(PHONES.admin), password: ['x'] } },
  ],
  [
    'a form-encoded body',
    {
      ...LOGIN,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'phone=1&password=2',
    },
  ],
  [
    'a plain-text body',
    { ...LOGIN, headers: { 'content-type': 'text/plain' }, payload: 'phone=1&password=2' },
  ],
  [
    'an unknown content type',
    { ...LOGIN, headers: { 'content-type': 'application/x-shuoshi' }, payload: '\u0000\u0001' },
  ],
  ['a JSON content type with no body', { ...LOGIN, headers: JSON_TYPE }],
  ['no body at all', { ...LOGIN }],
  ['an empty JSON object', { ...LOGIN, payload: {} }],
  [
    'a body over 2 MiB',
    { ...LOGIN, payload: { phone: PHONES.admin, password: 'x'.repeat(2 * 1024 * 1024 + 16) } },
  ],
  [
    'an oversized password under the body limit',
    { ...LOGIN, payload: { phone: PHONES.admin, password: 'x'.repeat(100_000) } },
  ],
  [
    'a garbled session cookie',
    { method: 'GET', url: '/api/me', headers: { cookie: `${SESSION_COOKIE}=%E0%A4%A;;==` } },
  ],
  [
    'a badly percent-encoded unit id',
    { method: 'GET', url: '/api/org-units/%E0%A4%A', cookie: true },
  ],
  [
    'a unit id over 100 characters',
    { method: 'GET', url: `/api/org-units/${'a'.repeat(101)}`, cookie: true },
  ],
  [
    'a unit id full of SQL wildcards',
    { method: 'GET', url: "/api/org-units/%25'%20or%201%3D1--", cookie: true },
  ],
  [
    'a user id that does not exist',
    { method: 'POST', url: '/api/users/nobody/revoke-sessions', cookie: true },
  ],
  [
    'an org unit body with extra nesting',
    {
      method: 'POST',
      url: '/api/org-units',
      payload: { parentId: { $ne: null }, tier: 'village', name: 'x' },
      cookie: true,
    },
  ],
]

describe.each(DIALECTS)('bad input on %s', (dialect) => {
  let server: TestServer
  let admin: string
  beforeAll(async () => {
    server = await createTestServer(dialect)
    admin = await server.login(PHONES.admin)
  })
  afterAll(() => server.close())

  it.each(BAD_REQUESTS)(
    'answers %s with a 4xx and a Chinese {code, message}, never a 500',
    async (_name, request) => {
      const { cookie, ...options } = request
      const response = await server.app.inject({
        ...options,
        headers: { ...options.headers, ...(cookie ? { cookie: admin } : {}) },
      })
      expect(response.statusCode).toBeGreaterThanOrEqual(400)
      expect(response.statusCode).toBeLessThan(500)
      expect(response.headers['content-type']).toMatch(/^application\/json/)
      const body = response.json<{ code: string; message: string }>()
      expect(body.code).toMatch(/^[a-z_]+$/)
      expect(body.message).toMatch(HAN)
    },
  )

  it('answers a body over 2 MiB with 413 payload_too_large', async () => {
    const response = await server.app.inject({
      ...LOGIN,
      payload: { phone: PHONES.admin, password: 'x'.repeat(3 * 1024 * 1024) },
    })
    expect(response.statusCode).toBe(413)
    expect(response.json()).toEqual({
      code: 'payload_too_large',
      message: ERROR_MESSAGES.payload_too_large,
    })
  })

  it('answers malformed JSON with 400 bad_request', async () => {
    const response = await server.app.inject({ ...LOGIN, headers: JSON_TYPE, payload: '{' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ code: 'bad_request', message: ERROR_MESSAGES.bad_request })
  })

  it('answers an unknown /api route with a 404 JSON body', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const response = await server.app.inject({ method, url: '/api/no-such-thing' })
      expect(response.statusCode, method).toBe(404)
      expect(response.headers['content-type']).toMatch(/^application\/json/)
      expect(response.json()).toEqual({ code: 'not_found', message: ERROR_MESSAGES.not_found })
    }
  })
})
