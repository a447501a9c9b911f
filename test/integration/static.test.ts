import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { createFakeDist, HASHED_ASSET, INDEX_HTML, type FakeDist } from '../support/fake-dist.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

describe.each(DIALECTS)('the built PWA on %s', (dialect) => {
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

  it('serves the shell and the service worker with no-cache', async () => {
    for (const url of ['/', '/sw.js']) {
      const response = await server.app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(200)
      expect(response.headers['cache-control'], url).toBe('no-cache')
    }
    expect((await server.app.inject({ method: 'GET', url: '/' })).body).toBe(INDEX_HTML)
  })

  it('serves hashed assets as immutable', async () => {
    const response = await server.app.inject({ method: 'GET', url: HASHED_ASSET })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('answers a client-side route with index.html so a reload keeps working', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/issues/42?tab=log' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    expect(response.body).toBe(INDEX_HTML)
  })

  it('still answers an unknown /api route with a 404 JSON body', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/no-such-thing' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ code: 'not_found', message: ERROR_MESSAGES.not_found })
  })
})
