/**
 * Cross-site request forgery: a page on another origin must not be able to
 * make a signed-in browser change anything. Every state-changing request is
 * checked on Sec-Fetch-Site / Origin before any route runs (plugins/csrf.ts).
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { PATHS, PHONES, userIdOf } from '../support/demo-county.ts'
import { createMemo, MEMO_KINDS } from '../support/memo-kind.ts'
import { pngOf } from '../support/png.ts'
import { pushRaw, SCHEMA_HEADERS } from '../support/sync-client.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

/** The origin `inject()` requests come from: light-my-request's Host is localhost:80. */
const OWN_ORIGIN = 'http://localhost'
const PUBLIC_ORIGIN = 'https://shuoshi.example.gov.cn'
const FOREIGN = { origin: 'https://evil.example' }
const REFUSED = { code: 'cross_site_request', message: ERROR_MESSAGES.cross_site_request }

describe.each(DIALECTS)('cross-site requests on %s', (dialect) => {
  let server: TestServer
  beforeAll(async () => {
    server = await createTestServer(dialect, {
      kinds: MEMO_KINDS,
      env: { PUBLIC_ORIGIN: `${PUBLIC_ORIGIN}, https://other.example.gov.cn:8443` },
    })
  })
  afterAll(() => server.close())

  function me(cookie: string) {
    return server.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })
  }
  function post(url: string, cookie: string, headers: Record<string, string>) {
    return server.app.inject({ method: 'POST', url, headers: { cookie, ...headers } })
  }
  async function isActive(phone: string): Promise<boolean> {
    const row = await server.database.db
      .selectFrom('app_user')
      .select('is_active')
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow()
    return Number(row.is_active) === 1
  }

  it('refuses logout from a foreign origin with 403, and the session stays valid', async () => {
    const cookie = await server.login(PHONES.gridWorker)
    const response = await post('/api/auth/logout', cookie, FOREIGN)
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(REFUSED)
    expect(response.headers['set-cookie']).toBeUndefined()
    expect((await me(cookie)).statusCode).toBe(200)
  })

  it('refuses deactivate, activate and revoke-sessions from a foreign origin, changing nothing', async () => {
    const admin = await server.login(PHONES.admin)
    const victim = await server.login(PHONES.villageCadre)
    const userId = userIdOf('villageCadre')
    for (const action of ['deactivate', 'revoke-sessions']) {
      const response = await post(`/api/users/${userId}/${action}`, admin, FOREIGN)
      expect(response.statusCode, action).toBe(403)
      expect(response.json(), action).toEqual(REFUSED)
    }
    expect(await isActive(PHONES.villageCadre)).toBe(true)
    expect((await me(victim)).statusCode).toBe(200)

    // Deactivated by the admin's own page, a foreign page cannot bring the account back.
    const sameOrigin = await post(`/api/users/${userId}/deactivate`, admin, { origin: OWN_ORIGIN })
    expect(sameOrigin.statusCode).toBe(200)
    const activate = await post(`/api/users/${userId}/activate`, admin, FOREIGN)
    expect(activate.statusCode).toBe(403)
    expect(activate.json()).toEqual(REFUSED)
    expect(await isActive(PHONES.villageCadre)).toBe(false)
    const back = await post(`/api/users/${userId}/activate`, admin, {
      'sec-fetch-site': 'same-origin',
    })
    expect(back.statusCode).toBe(200)
    expect(await isActive(PHONES.villageCadre)).toBe(true)
  })

  it('refuses a sync push from a foreign origin and stores nothing', async () => {
    const cookie = await server.login(PHONES.gridWorker)
    const before = await countRows(server.database, 'sync_record')
    const response = await pushRaw(
      server.app,
      cookie,
      { mutations: [createMemo(PATHS.g1)] },
      { ...SCHEMA_HEADERS, ...FOREIGN },
    )
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(REFUSED)
    expect(await countRows(server.database, 'sync_record')).toBe(before)

    const sameOrigin = await pushRaw(
      server.app,
      cookie,
      { mutations: [createMemo(PATHS.g1)] },
      { ...SCHEMA_HEADERS, origin: OWN_ORIGIN, 'sec-fetch-site': 'same-origin' },
    )
    expect(sameOrigin.statusCode).toBe(200)
    expect(await countRows(server.database, 'sync_record')).toBe(before + 1)
  })

  it('refuses a photo upload from a foreign origin and stores nothing', async () => {
    const cookie = await server.login(PHONES.gridWorker)
    const upload = (data: Buffer, headers: Record<string, string>) =>
      server.app.inject({
        method: 'PUT',
        url: `/api/blobs/${createHash('sha256').update(data).digest('hex')}`,
        headers: { cookie, 'content-type': 'image/png', ...headers },
        payload: data,
      })
    const before = await countRows(server.database, 'blob')
    const refused = await upload(pngOf(1, 7, 7), { ...FOREIGN, 'sec-fetch-site': 'cross-site' })
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toEqual(REFUSED)
    expect(await countRows(server.database, 'blob')).toBe(before)
    expect((await upload(pngOf(2, 7, 7), { origin: PUBLIC_ORIGIN })).statusCode).toBe(201)
    expect(await countRows(server.database, 'blob')).toBe(before + 1)
  })

  it('refuses a villager ballot from a foreign origin before looking at it', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/public/campaigns/no-such-campaign/ballots',
      headers: { 'sec-fetch-site': 'cross-site' },
      payload: { code: 'ABCD2345', answers: [] },
    })
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(REFUSED)
  })

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    // A sibling host under the same registrable domain is another application.
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site', origin: 'https://a.example' }],
    [
      'Sec-Fetch-Site: cross-site with our own Origin',
      { 'sec-fetch-site': 'cross-site', origin: OWN_ORIGIN },
    ],
    ['Origin: null (sandboxed frame, data: URL)', { origin: 'null' }],
    ['Origin on another port', { origin: 'http://localhost:8080' }],
    ['Origin on another scheme', { origin: 'https://localhost' }],
    ['an unparsable Origin', { origin: 'not a url' }],
    ['PUBLIC_ORIGIN with another path trick', { origin: `${PUBLIC_ORIGIN}.evil.example` }],
  ])('refuses a state-changing request with %s', async (_name, headers) => {
    const cookie = await server.login(PHONES.gridWorker)
    const response = await post('/api/auth/logout', cookie, headers)
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(REFUSED)
    expect((await me(cookie)).statusCode).toBe(200)
  })

  it.each([
    ['no Origin and no Sec-Fetch-Site (curl, native tools)', {}],
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['Sec-Fetch-Site: none (typed by the user)', { 'sec-fetch-site': 'none' }],
    ['the request’s own Origin', { origin: OWN_ORIGIN }],
    ['its own Origin with the default port spelled out', { origin: 'http://localhost:80' }],
    ['a configured PUBLIC_ORIGIN', { origin: PUBLIC_ORIGIN }],
    ['the second PUBLIC_ORIGIN', { origin: 'https://other.example.gov.cn:8443' }],
    [
      'a PUBLIC_ORIGIN even when the browser calls it cross-site',
      { origin: PUBLIC_ORIGIN, 'sec-fetch-site': 'cross-site' },
    ],
  ])('lets through a state-changing request with %s', async (_name, headers) => {
    const cookie = await server.login(PHONES.gridWorker)
    const response = await post('/api/auth/logout', cookie, headers)
    expect(response.statusCode).toBe(204)
    expect((await me(cookie)).statusCode).toBe(401)
  })

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)(
    'guards %s on every URL, routed or not, before anything else runs',
    async (method) => {
      for (const url of ['/api/no-such-route', '/anything', '/api/discussables/x']) {
        const response = await server.app.inject({ method, url, headers: FOREIGN })
        expect(response.statusCode, `${method} ${url}`).toBe(403)
        expect(response.json(), `${method} ${url}`).toEqual(REFUSED)
      }
    },
  )

  it('leaves reads alone: a cross-site GET is answered as usual', async () => {
    const cookie = await server.login(PHONES.gridWorker)
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie, ...FOREIGN, 'sec-fetch-site': 'cross-site' },
    })
    expect(response.statusCode).toBe(200)
  })
})

describe.each(DIALECTS)('cross-site requests behind a proxy on %s', (dialect) => {
  let server: TestServer
  beforeAll(async () => {
    server = await createTestServer(dialect, { env: { TRUST_PROXY: 'true' } })
  })
  afterAll(() => server.close())

  it('takes its own origin from the trusted X-Forwarded-Host and -Proto', async () => {
    const cookie = await server.login(PHONES.gridWorker)
    const logout = (origin: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: {
          cookie,
          origin,
          'x-forwarded-host': 'shuoshi.county.example',
          'x-forwarded-proto': 'https',
        },
      })
    const foreign = await logout('http://localhost')
    expect(foreign.statusCode).toBe(403)
    expect((await logout('https://shuoshi.county.example')).statusCode).toBe(204)
  })
})
