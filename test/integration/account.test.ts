/**
 * Accounts after creation, on the real server: changing one's own password
 * (other sessions end, guesses are rate-limited), an admin deactivating and
 * activating a user (sessions end at once; a login to a disabled account
 * answers as a wrong password does), and ended sessions pruned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { PHONES, userIdOf } from '../support/demo-county.ts'

const NEW_PASSWORD = 'Liuhe2027new'

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let server: TestServer
  beforeAll(async () => {
    server = await createTestServer(dialect)
  })
  afterAll(() => server.close())

  const me = (cookie: string) => server.app.inject({ url: '/api/me', headers: { cookie } })
  const changePassword = (cookie: string, currentPassword: string, newPassword: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword, newPassword },
    })
  const login = (phone: string, password: string) =>
    server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password } })

  it('changes the password, keeps this session and ends the others', async () => {
    const phone = PHONES.gridWorker
    const here = await server.login(phone)
    const elsewhere = await server.login(phone)
    const response = await changePassword(here, DEMO_PASSWORD, NEW_PASSWORD)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({ otherSessionsEnded: 1 })
    expect((await me(here)).statusCode).toBe(200)
    expect((await me(elsewhere)).statusCode).toBe(401)
    expect((await login(phone, DEMO_PASSWORD)).statusCode).toBe(401)
    expect((await login(phone, NEW_PASSWORD)).statusCode).toBe(200)
  })

  it.each([
    ['a wrong current password', 'Wrong2026x', NEW_PASSWORD, '原密码不正确'],
    ['a new password without digits', DEMO_PASSWORD, 'onlyletters', '密码需包含数字'],
    ['a new password that is too short', DEMO_PASSWORD, 'a1', '密码至少8位'],
    ['the same password again', DEMO_PASSWORD, DEMO_PASSWORD, '新密码不能与原密码相同'],
  ])('refuses %s in Chinese and keeps the old password', async (_what, current, next, message) => {
    const cookie = await server.login(PHONES.villageCadre)
    const response = await changePassword(cookie, current, next)
    expect(response.statusCode).toBe(400)
    expect(JSON.stringify(response.json())).toContain(message)
    expect((await login(PHONES.villageCadre, DEMO_PASSWORD)).statusCode).toBe(200)
  })

  it('counts wrong current passwords against the login limit', async () => {
    const cookie = await server.login(PHONES.township)
    const answers: number[] = []
    for (let attempt = 0; attempt < 6; attempt++) {
      answers.push((await changePassword(cookie, `Guess${attempt}abc`, NEW_PASSWORD)).statusCode)
    }
    expect(answers).toEqual([400, 400, 400, 400, 400, 429])
  })

  it('asks for a session first', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD },
    })
    expect(response.statusCode).toBe(401)
  })

  it('lets an admin deactivate a user: every session ends and tells its holder why', async () => {
    const admin = await server.login(PHONES.admin)
    const worker = await server.login(PHONES.otherVillageGridWorker)
    const id = userIdOf('otherVillageGridWorker')
    const post = (url: string, cookie = admin) =>
      server.app.inject({ method: 'POST', url, headers: { cookie } })

    const refused = await post(`/api/users/${id}/deactivate`, worker)
    expect(refused.statusCode).toBe(403)
    const deactivated = await post(`/api/users/${id}/deactivate`)
    expect(deactivated.statusCode, deactivated.body).toBe(200)
    // The holder of a session proved the password once: they may learn why it ended.
    const after = await me(worker)
    expect(after.statusCode).toBe(401)
    expect(after.json()).toEqual({
      code: 'account_disabled',
      message: '该账号已停用，请联系管理员',
    })

    expect((await post(`/api/users/${id}/activate`)).statusCode).toBe(200)
    expect((await login(PHONES.otherVillageGridWorker, DEMO_PASSWORD)).statusCode).toBe(200)

    const self = await post(`/api/users/demo-user-${PHONES.admin}/deactivate`)
    expect(self.statusCode).toBe(400)
    expect(self.json()).toMatchObject({ code: 'cannot_deactivate_self' })
    expect((await post('/api/users/no-such-user/deactivate')).statusCode).toBe(403)
  })

  it('answers a login to a disabled account as to a wrong password, whatever the password', async () => {
    // Answering 403 account_disabled to the right password only (as before)
    // confirmed the password of a disabled account to anyone who tried it.
    const phone = PHONES.siblingGridWorker
    const id = userIdOf('siblingGridWorker')
    const admin = await server.login(PHONES.admin)
    const post = (url: string) =>
      server.app.inject({ method: 'POST', url, headers: { cookie: admin } })
    expect((await post(`/api/users/${id}/deactivate`)).statusCode).toBe(200)
    const attempt = (password: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { phone, password },
        remoteAddress: '10.9.1.1',
      })

    const right = await attempt(DEMO_PASSWORD)
    const wrong = await attempt('Wrong2026x')
    for (const response of [right, wrong]) {
      expect(response.statusCode).toBe(401)
      expect(response.json()).toEqual({
        code: 'invalid_credentials',
        message: ERROR_MESSAGES.invalid_credentials,
      })
      expect(response.cookies).toEqual([])
    }
    // Nor does the limit tell them apart: the right password counts as a failure too.
    const answers: number[] = []
    for (let i = 0; i < 4; i++) answers.push((await attempt(DEMO_PASSWORD)).statusCode)
    expect(answers).toEqual([401, 401, 401, 429])

    expect((await post(`/api/users/${id}/activate`)).statusCode).toBe(200)
    expect((await login(phone, DEMO_PASSWORD)).statusCode).toBe(200)
  })

  it('deletes sessions that ended more than 30 days ago at the next login', async () => {
    const long = new Date(Date.now() - 40 * 86_400_000).toISOString()
    const recent = new Date(Date.now() - 2 * 86_400_000).toISOString()
    await server.database.db
      .insertInto('session')
      .values([
        {
          token_hash: 'old-expired',
          user_id: userIdOf('county'),
          created_at: long,
          expires_at: long,
          revoked_at: null,
        },
        {
          token_hash: 'old-revoked',
          user_id: userIdOf('county'),
          created_at: long,
          expires_at: '2999-01-01T00:00:00.000Z',
          revoked_at: long,
        },
        {
          token_hash: 'recently-ended',
          user_id: userIdOf('county'),
          created_at: recent,
          expires_at: recent,
          revoked_at: null,
        },
      ])
      .execute()
    const before = await countRows(server.database, 'session')
    await server.login(PHONES.county)
    const hashes = await server.database.db.selectFrom('session').select('token_hash').execute()
    const kept = hashes.map((row) => row.token_hash)
    expect(kept).not.toContain('old-expired')
    expect(kept).not.toContain('old-revoked')
    expect(kept).toContain('recently-ended')
    expect(await countRows(server.database, 'session')).toBe(before - 2 + 1)
  })
})
