/**
 * Every kind of answer the server gives carries the browser-side defences
 * (plugins/security-headers.ts): a CSP the built app passes, no framing, no
 * MIME sniffing, no referrer leaks; photos also get a sandbox of their own.
 */
import { createHash } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PHONES } from '../support/demo-county.ts'
import { createFakeDist, HASHED_ASSET, type FakeDist } from '../support/fake-dist.ts'
import { pngOf } from '../support/png.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

/** The CSP as a map of directive → its sources. */
function directives(response: LightMyRequestResponse): Map<string, string[]> {
  const header = response.headers['content-security-policy']
  expect(typeof header, 'content-security-policy').toBe('string')
  return new Map(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources]),
  )
}

function expectCommonHeaders(response: LightMyRequestResponse, what: string): void {
  expect(response.headers['x-content-type-options'], what).toBe('nosniff')
  expect(response.headers['x-frame-options'], what).toBe('DENY')
  expect(response.headers['referrer-policy'], what).toBe('same-origin')
  expect(response.headers['cross-origin-opener-policy'], what).toBe('same-origin')
  expect(response.headers['cross-origin-resource-policy'], what).toBe('same-origin')
  expect(response.headers['x-powered-by'], what).toBeUndefined()
}

function expectAppPolicy(response: LightMyRequestResponse, what: string): void {
  expectCommonHeaders(response, what)
  const csp = directives(response)
  expect(csp.get('default-src'), what).toEqual(["'self'"])
  expect(csp.get('script-src'), what).toEqual(["'self'"])
  expect(csp.get('script-src-attr'), what).toEqual(["'none'"])
  expect(csp.get('object-src'), what).toEqual(["'none'"])
  expect(csp.get('base-uri'), what).toEqual(["'self'"])
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"])
  expect(csp.get('form-action'), what).toEqual(["'self'"])
  expect(csp.get('connect-src'), what).toEqual(["'self'"])
  expect(csp.get('worker-src'), what).toEqual(["'self'"])
  expect(csp.get('manifest-src'), what).toEqual(["'self'"])
  expect(csp.get('img-src'), what).toEqual(["'self'", 'data:', 'blob:'])
  // Voice notes play from blob: URLs of bytes the app itself fetched (#21.4).
  expect(csp.get('media-src'), what).toEqual(["'self'", 'blob:'])
  // Nothing anywhere may run strings as code or inline scripts.
  for (const [name, sources] of csp) {
    expect(sources, `${what}: ${name}`).not.toContain("'unsafe-eval'")
    if (name.startsWith('script'))
      expect(sources, `${what}: ${name}`).not.toContain("'unsafe-inline'")
  }
}

describe.each(DIALECTS)('security headers on %s', (dialect) => {
  let server: TestServer
  let dist: FakeDist
  beforeAll(async () => {
    dist = await createFakeDist()
    server = await createTestServer(dialect, { staticDir: dist.dir })
  })
  afterAll(async () => {
    await server.close()
    await dist.remove()
  })

  const get = (url: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'GET', url, headers })

  it('sends the app policy with API JSON, API errors, the shell, client routes, assets and the service worker', async () => {
    const cookie = await server.login(PHONES.gridWorker)
    const answers: [string, LightMyRequestResponse][] = [
      ['API JSON', await get('/api/me', { cookie })],
      ['API 401', await get('/api/me')],
      ['API 404', await get('/api/no-such-thing')],
      [
        'API 400',
        await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone: 1 } }),
      ],
      ['index.html', await get('/')],
      ['client-side route', await get('/issues/42')],
      ['hashed asset', await get(HASHED_ASSET)],
      ['service worker', await get('/sw.js')],
    ]
    for (const [what, response] of answers) {
      expect(response.statusCode, what).toBeLessThan(500)
      expectAppPolicy(response, what)
    }
    expect(answers.map(([, response]) => response.statusCode)).toEqual([
      200, 401, 404, 400, 200, 200, 200, 200,
    ])
  })

  it('sends them too with the errors Fastify answers before routing', async () => {
    const response = await get('/api/org-units/%E0%A4%A')
    expect(response.statusCode).toBe(400)
    expectCommonHeaders(response, 'pre-routing 400')
    const csp = directives(response)
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
  })

  it('serves a photo sandboxed, as a download, never sniffed', async () => {
    const cookie = await server.login(PHONES.gridWorker)
    const data = pngOf(200, 10, 10)
    const hash = createHash('sha256').update(data).digest('hex')
    const put = await server.app.inject({
      method: 'PUT',
      url: `/api/blobs/${hash}`,
      headers: { cookie, 'content-type': 'image/png' },
      payload: data,
    })
    expect(put.statusCode).toBe(201)
    const response = await get(`/api/blobs/${hash}`, { cookie })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('image/png')
    expectCommonHeaders(response, 'blob')
    const csp = directives(response)
    expect([...csp.keys()].sort()).toEqual(['default-src', 'sandbox'])
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('sandbox')).toEqual([])
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${hash}.png"`)
  })
})

describe.each(DIALECTS)('security headers over HTTPS on %s', (dialect) => {
  let server: TestServer
  beforeAll(async () => {
    server = await createTestServer(dialect, { env: { SECURE_COOKIES: 'true' } })
  })
  afterAll(() => server.close())

  it('adds HSTS and upgrade-insecure-requests only when served over HTTPS', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/health' })
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000')
    expect(directives(response).has('upgrade-insecure-requests')).toBe(true)
  })
})

describe.each(DIALECTS)('security headers over plain HTTP on %s', (dialect) => {
  let server: TestServer
  beforeAll(async () => {
    server = await createTestServer(dialect)
  })
  afterAll(() => server.close())

  it('leaves HSTS and upgrade-insecure-requests out, so an intranet HTTP install keeps working', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/health' })
    expect(response.headers['strict-transport-security']).toBeUndefined()
    expect(directives(response).has('upgrade-insecure-requests')).toBe(false)
  })
})
