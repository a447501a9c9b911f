/**
 * The public pages (issue #17): their own entry, public.html, answers the
 * public short URLs; the signed-in app keeps every other path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PUBLIC_ENTRY_PREFIXES } from '#shared/public/public-entry.ts'
import { createFakeDist, INDEX_HTML, PUBLIC_HTML, type FakeDist } from '../support/fake-dist.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

describe.each(DIALECTS)('the public pages on %s', (dialect) => {
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

  it('answers every public short URL with public.html, re-checked on each visit, under the CSP', async () => {
    for (const prefix of PUBLIC_ENTRY_PREFIXES) {
      const url = `${prefix}demo-t1-v1?from=poster`
      const response = await server.app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(200)
      expect(response.headers['content-type'], url).toMatch(/^text\/html/)
      expect(response.headers['cache-control'], url).toBe('no-cache')
      expect(response.headers['content-security-policy'], url).toContain("script-src 'self'")
      expect(response.body, url).toBe(PUBLIC_HTML)
    }
  })

  it('leaves the signed-in app its own paths, the older public pages included', async () => {
    for (const url of ['/', '/issues/42', '/gs/demo-t1', '/c/track', '/wall']) {
      const response = await server.app.inject({ method: 'GET', url })
      expect(response.body, url).toBe(INDEX_HTML)
    }
  })
})
