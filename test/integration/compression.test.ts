/**
 * Compressed answers on a real server (issue #13): the built app's files go
 * out as the .br / .gz copies written at build (by the build's own
 * precompress step), API answers above the threshold are compressed on the
 * fly, and a client that accepts no encoding still gets plain bytes.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressDir } from '../../build/precompress.ts'
import {
  createFakeDist,
  HASHED_ASSET,
  LARGE_ASSET,
  LARGE_ASSET_SOURCE,
  type FakeDist,
} from '../support/fake-dist.ts'
import { PHONES } from '../support/demo-county.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

function decoded(encoding: string | undefined, body: Buffer): string {
  if (encoding === 'br') return brotliDecompressSync(body).toString('utf8')
  if (encoding === 'gzip') return gunzipSync(body).toString('utf8')
  return body.toString('utf8')
}

describe.each(DIALECTS)('compressed answers on %s', (dialect) => {
  let server: TestServer
  let dist: FakeDist
  let cookie: string
  beforeAll(async () => {
    dist = await createFakeDist()
    await precompressDir(dist.dir)
    server = await createTestServer(dialect, { staticDir: dist.dir })
    cookie = await server.login(PHONES.county)
  })
  afterAll(async () => {
    await server.close()
    await dist.remove()
  })

  const LIST = '/api/discussable-items?townshipId=demo-t1'
  const get = (url: string, acceptEncoding: string | null, withSession = false) =>
    server.app.inject({
      method: 'GET',
      url,
      headers: {
        ...(acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding }),
        ...(withSession ? { cookie } : {}),
      },
    })

  it('serves a built asset as the brotli or gzip copy the client accepts', async () => {
    const cases = [
      { accept: 'gzip, deflate, br', encoding: 'br' },
      { accept: 'gzip', encoding: 'gzip' },
      { accept: null, encoding: undefined },
      { accept: 'identity', encoding: undefined },
    ]
    const sizes: Record<string, number> = {}
    for (const { accept, encoding } of cases) {
      const response = await get(LARGE_ASSET, accept)
      expect(response.statusCode, String(accept)).toBe(200)
      expect(response.headers['content-encoding'], String(accept)).toBe(encoding)
      expect(response.headers['content-type']).toMatch(/javascript/)
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(decoded(encoding, response.rawPayload)).toBe(LARGE_ASSET_SOURCE)
      sizes[String(accept)] = response.rawPayload.length
    }
    expect(sizes['gzip, deflate, br']).toBeLessThan(sizes.gzip ?? 0)
    expect(sizes.gzip).toBeLessThan(LARGE_ASSET_SOURCE.length / 5)
  })

  it('compresses a file without a copy from build on the fly, and sends it plain when asked', async () => {
    const compressed = await get(HASHED_ASSET, 'gzip')
    expect(compressed.statusCode).toBe(200)
    expect(decoded(compressed.headers['content-encoding'], compressed.rawPayload)).toBe(
      'console.log(1)',
    )
    const plain = await get(HASHED_ASSET, null)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe('console.log(1)')
  })

  it('compresses an API answer above the threshold, and not one below it', async () => {
    const raw = await get(LIST, null, true)
    expect(raw.statusCode, raw.body).toBe(200)
    expect(raw.headers['content-encoding']).toBeUndefined()
    expect(raw.rawPayload.length).toBeGreaterThan(1024)

    const compressed = await get(LIST, 'br, gzip', true)
    expect(compressed.statusCode).toBe(200)
    expect(compressed.headers['content-encoding']).toBe('br')
    expect(compressed.headers.vary).toMatch(/accept-encoding/i)
    expect(compressed.rawPayload.length).toBeLessThan(raw.rawPayload.length / 2)
    expect(JSON.parse(decoded('br', compressed.rawPayload))).toEqual(raw.json())

    const small = await get('/api/health', 'br, gzip')
    expect(small.statusCode).toBe(200)
    expect(small.rawPayload.length).toBeLessThan(1024)
    expect(small.headers['content-encoding']).toBeUndefined()
  })

  it('keeps refusals readable: a 401 body decodes to the Chinese reason', async () => {
    const response = await get(LIST, 'gzip')
    expect(response.statusCode).toBe(401)
    const body = JSON.parse(decoded(response.headers['content-encoding'], response.rawPayload))
    expect(body.code).toBe('unauthenticated')
  })
})
