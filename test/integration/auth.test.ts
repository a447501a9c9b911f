import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { SESSION_COOKIE } from '#server/plugins/auth.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { PHONES, userIdOf } from '../support/demo-county.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u

describe.each(DIALECTS)('auth on %s', (dialect) => {
  let server: TestServer
  beforeAll(async () => {
    server = await createTestServer(dialect)
  })
  afterAll(() => server.close())

  function attemptLogin(phone: string, password: string, remoteAddress = '127.0.0.1') {
    return server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { phone, password },
      remoteAddress,
    })
  }
  function me(cookie: string) {
    return server.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })
  }

  it('logs a demo account in and sets an httpOnly, same-site session cookie', async () => {
    const response = await attemptLogin(PHONES.villageCadre, DEMO_PASSWORD)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      user: { phone: PHONES.villageCadre, role: 'village_cadre' },
    })
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: 30 * 86_400,
    })
    expect(cookie?.value.length).toBeGreaterThanOrEqual(40)
  })

  it('tells the signed-in user who they are, their unit and its path from the county down', async () => {
    const response = await me(await server.login(PHONES.gridWorker))
    expect(response.statusCode).toBe(200)
    const body = response.json<{
      user: { phone: string; role: string; orgUnitId: string }
      orgUnit: { id: string; tier: string }
      orgPath: { id: string; tier: string }[]
    }>()
    expect(body.user).toMatchObject({
      phone: PHONES.gridWorker,
      role: 'grid_worker',
      orgUnitId: 'demo-t1-v1-g1',
    })
    expect(body.user).not.toHaveProperty('passwordHash')
    expect(body.orgUnit).toMatchObject({ id: 'demo-t1-v1-g1', tier: 'grid' })
    expect(body.orgPath.map((unit) => [unit.id, unit.tier])).toEqual([
      ['demo-county', 'county'],
      ['demo-t1', 'township'],
      ['demo-t1-v1', 'village'],
      ['demo-t1-v1-g1', 'grid'],
    ])
  })

  it('answers /api/me without a cookie with 401 unauthenticated', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/me' })
    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({
      code: 'unauthenticated',
      message: ERROR_MESSAGES.unauthenticated,
    })
  })

  it('refuses a wrong password with 401 invalid_credentials and no cookie', async () => {
    const response = await attemptLogin(PHONES.gridWorker, 'Wrong-password-1')
    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({
      code: 'invalid_credentials',
      message: ERROR_MESSAGES.invalid_credentials,
    })
    expect(response.cookies).toEqual([])
  })

  it('refuses an unknown phone exactly like a wrong password', async () => {
    const response = await attemptLogin('13800000000', DEMO_PASSWORD)
    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({
      code: 'invalid_credentials',
      message: ERROR_MESSAGES.invalid_credentials,
    })
  })

  it('refuses the 6th wrong password in a row with 429, and the right one too while blocked', async () => {
    const phone = PHONES.thirdTownshipSiblingVillageCadre
    const address = '10.9.0.6'
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await attemptLogin(phone, `Wrong-${attempt}`, address)
      expect(response.statusCode, `attempt ${attempt}`).toBe(401)
    }
    const sixth = await attemptLogin(phone, 'Wrong-6', address)
    expect(sixth.statusCode).toBe(429)
    const body = sixth.json<{ code: string; message: string }>()
    expect(body.code).toBe('too_many_attempts')
    expect(body.message).toMatch(HAN)

    const right = await attemptLogin(phone, DEMO_PASSWORD, address)
    expect(right.statusCode).toBe(429)
    expect(right.cookies).toEqual([])
    // The block is per phone: another account from the same address still logs in.
    expect(
      (await attemptLogin(PHONES.thirdTownshipVillageCadre, DEMO_PASSWORD, address)).statusCode,
    ).toBe(200)
  })

  it('counts wrong passwords only in a row: a successful login starts the count again', async () => {
    const phone = PHONES.otherTownshipSiblingVillageCadre
    const address = '10.9.0.7'
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await attemptLogin(phone, `Wrong-${attempt}`, address)).statusCode).toBe(401)
    }
    expect((await attemptLogin(phone, DEMO_PASSWORD, address)).statusCode).toBe(200)
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await attemptLogin(phone, `Wrong-${attempt}`, address)).statusCode).toBe(401)
    }
    expect((await attemptLogin(phone, DEMO_PASSWORD, address)).statusCode).toBe(200)
  })

  it('refuses every phone from one address after 30 wrong passwords from it', async () => {
    const address = '10.9.0.30'
    for (let attempt = 0; attempt < 30; attempt += 1) {
      // Unknown phones, five each, so that no single phone reaches its own limit.
      const phone = `1381000${String(Math.floor(attempt / 5)).padStart(4, '0')}`
      expect((await attemptLogin(phone, 'Wrong-1', address)).statusCode, `attempt ${attempt}`).toBe(
        401,
      )
    }
    const response = await attemptLogin(PHONES.otherTownshipVillageCadre, DEMO_PASSWORD, address)
    expect(response.statusCode).toBe(429)
    expect(response.json()).toMatchObject({ code: 'too_many_attempts' })
  })

  it('lets the real user in from their own address while a stranger elsewhere is blocked', async () => {
    // Knowing a grid worker's phone must not be enough to lock them out.
    const phone = PHONES.thirdTownshipOtherVillageSiblingGridWorker
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await attemptLogin(phone, `Wrong-${attempt}`, '10.9.2.1')).statusCode).toBe(401)
    }
    expect((await attemptLogin(phone, DEMO_PASSWORD, '10.9.2.1')).statusCode).toBe(429)
    expect((await attemptLogin(phone, DEMO_PASSWORD, '10.9.2.2')).statusCode).toBe(200)
  })

  it('refuses a phone at every address after 20 wrong passwords from several addresses', async () => {
    const phone = PHONES.thirdTownshipOtherVillageGridWorker
    for (let place = 1; place <= 4; place += 1) {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const response = await attemptLogin(phone, `Wrong-${attempt}`, `10.9.3.${place}`)
        expect(response.statusCode, `place ${place} attempt ${attempt}`).toBe(401)
      }
    }
    const elsewhere = await attemptLogin(phone, DEMO_PASSWORD, '10.9.3.5')
    expect(elsewhere.statusCode).toBe(429)
    expect(elsewhere.json()).toMatchObject({ code: 'too_many_attempts' })
  })

  it('lets an admin lift a lockout, and nobody else', async () => {
    const phone = PHONES.thirdTownshipSiblingGridWorker
    for (let place = 1; place <= 4; place += 1) {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await attemptLogin(phone, `Wrong-${attempt}`, `10.9.5.${place}`)
      }
    }
    expect((await attemptLogin(phone, DEMO_PASSWORD, '10.9.5.9')).statusCode).toBe(429)
    const unlock = (cookie: string) =>
      server.app.inject({
        method: 'POST',
        url: `/api/users/${userIdOf('thirdTownshipSiblingGridWorker')}/unlock`,
        headers: { cookie },
      })
    const refused = await unlock(await server.login(PHONES.township))
    expect(refused.statusCode).toBe(403)
    expect((await attemptLogin(phone, DEMO_PASSWORD, '10.9.5.9')).statusCode).toBe(429)

    const unlocked = await unlock(await server.login(PHONES.admin))
    expect(unlocked.statusCode, unlocked.body).toBe(200)
    expect(unlocked.json()).toMatchObject({ phone })
    expect((await attemptLogin(phone, DEMO_PASSWORD, '10.9.5.1')).statusCode).toBe(200)
  })

  it('starts a counter again once its window has ended, and prunes ended windows', async () => {
    // A server of its own: pruning runs at most once a minute per server process.
    const fresh = await createTestServer(dialect)
    try {
      const ended = new Date(Date.now() - 1000).toISOString()
      await fresh.database.db
        .insertInto('rate_limit')
        .values([
          {
            key: `login-pair:${PHONES.thirdTownshipGridWorker}|10.9.4.1`,
            window_ends_at: ended,
            attempts: 99,
          },
          { key: 'login-ip:10.9.4.99', window_ends_at: ended, attempts: 99 },
          { key: 'ballot-fail:10.9.4.98', window_ends_at: ended, attempts: 3 },
        ])
        .execute()
      const response = await fresh.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { phone: PHONES.thirdTownshipGridWorker, password: 'Wrong-1' },
        remoteAddress: '10.9.4.1',
      })
      expect(response.statusCode).toBe(401)
      const rows = await fresh.database.db
        .selectFrom('rate_limit')
        .select(['key', 'attempts'])
        .orderBy('key')
        .execute()
      expect(rows).toEqual([
        { key: 'login-ip:10.9.4.1', attempts: 1 },
        { key: `login-pair:${PHONES.thirdTownshipGridWorker}|10.9.4.1`, attempts: 1 },
        { key: `login-phone:${PHONES.thirdTownshipGridWorker}`, attempts: 1 },
      ])
    } finally {
      await fresh.close()
    }
  })

  it('counts failures by the connecting address, not by a forged X-Forwarded-For header', async () => {
    const address = '10.9.0.31'
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: {
          phone: `1381001${String(Math.floor(attempt / 5)).padStart(4, '0')}`,
          password: 'Wrong-1',
        },
        remoteAddress: address,
        headers: { 'x-forwarded-for': `203.0.113.${attempt + 1}` },
      })
      expect(response.statusCode, `attempt ${attempt}`).toBe(401)
    }
    const response = await attemptLogin(PHONES.otherTownshipVillageMediator, DEMO_PASSWORD, address)
    expect(response.statusCode).toBe(429)
  })

  it('revokes the session on logout, after which the old cookie gets 401 session_expired', async () => {
    const cookie = await server.login(PHONES.township)
    expect((await me(cookie)).statusCode).toBe(200)

    const logout = await server.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie },
    })
    expect(logout.statusCode).toBe(204)
    const cleared = logout.cookies.find((c) => c.name === SESSION_COOKIE)
    expect(cleared?.value).toBe('')

    const after = await me(cookie)
    expect(after.statusCode).toBe(401)
    expect(after.json()).toEqual({
      code: 'session_expired',
      message: ERROR_MESSAGES.session_expired,
    })
  })

  it('lets an admin end every session of a user, reporting how many were ended', async () => {
    const first = await server.login(PHONES.countyMediator)
    const second = await server.login(PHONES.countyMediator)
    const userId = (await me(first)).json<{ user: { id: string } }>().user.id

    const response = await server.app.inject({
      method: 'POST',
      url: `/api/users/${userId}/revoke-sessions`,
      headers: { cookie: await server.login(PHONES.admin) },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ revoked: 2 })
    for (const cookie of [first, second]) {
      const after = await me(cookie)
      expect(after.statusCode).toBe(401)
      expect(after.json()).toMatchObject({ code: 'session_expired' })
    }
  })

  it('refuses session revocation to anyone but an admin with 403 forbidden', async () => {
    const victim = await server.login(PHONES.gridWorker)
    const userId = (await me(victim)).json<{ user: { id: string } }>().user.id
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/users/${userId}/revoke-sessions`,
      headers: { cookie: await server.login(PHONES.township) },
    })
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({ code: 'forbidden', message: ERROR_MESSAGES.forbidden })
    expect((await me(victim)).statusCode).toBe(200)
  })

  it('stores only a hash of the session token, never the token itself', async () => {
    const cookie = await server.login(PHONES.admin)
    const token = cookie.slice(`${SESSION_COOKIE}=`.length)
    const rows = await server.database.db.selectFrom('session').selectAll().execute()
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/)
      for (const value of Object.values(row)) expect(String(value)).not.toContain(token)
    }
  })

  it('stores passwords as argon2id hashes', async () => {
    const rows = await server.database.db.selectFrom('app_user').select('password_hash').execute()
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^\$argon2id\$/)
      expect(row.password_hash).not.toContain(DEMO_PASSWORD)
    }
  })
})
