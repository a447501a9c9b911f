import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import { uuidv7 } from 'uuidv7'
import type { AuditEntry, Handover, HandoverResult } from '#shared/admin/admin.schema.ts'
import { sampleCapture } from '#shared/issue/issue.fixtures.ts'
import { PATHS, PHONES } from '../support/demo-county.ts'
import { pushApplied, Replica } from '../support/sync-client.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
const HAN = /\p{Script=Han}/u

describe.each(DIALECTS)('admin on %s', (dialect) => {
  let server: TestServer
  let admin: string
  beforeAll(async () => {
    server = await createTestServer(dialect)
    admin = await server.login(PHONES.admin)
  })
  afterAll(() => server.close())

  function post(url: string, payload: object, cookie = admin) {
    return server.app.inject({ method: 'POST', url, payload, headers: { cookie } })
  }

  /** Runs `action` and checks that it added no org unit, user or session. */
  async function expectNothingCreated(action: () => Promise<unknown>) {
    const before = await Promise.all([
      countRows(server.database, 'org_unit'),
      countRows(server.database, 'app_user'),
    ])
    await action()
    const after = await Promise.all([
      countRows(server.database, 'org_unit'),
      countRows(server.database, 'app_user'),
    ])
    expect(after).toEqual(before)
  }

  const validUser = (overrides: Record<string, unknown> = {}) => ({
    phone: '13700000001',
    name: '测试村·村干部',
    password: 'Xincun2026',
    role: 'village_cadre',
    orgUnitId: 'demo-t2-v1',
    ...overrides,
  })

  it('creates a village under a township and a user in it who can then log in', async () => {
    const created = await post('/api/org-units', {
      parentId: 'demo-t2',
      tier: 'village',
      name: '新河村说事站（测试）',
    })
    expect(created.statusCode).toBe(201)
    const village = created.json<OrgUnit>()
    expect(village).toMatchObject({
      parentId: 'demo-t2',
      tier: 'village',
      name: '新河村说事站（测试）',
    })
    expect(village.path).toBe(`/demo-county/demo-t2/${village.id}/`)

    const user = await post(
      '/api/users',
      validUser({
        phone: '13700000002',
        name: '新河村·村干部',
        password: 'Xinhe2026',
        orgUnitId: village.id,
      }),
    )
    expect(user.statusCode).toBe(201)
    expect(user.json()).toMatchObject({
      phone: '13700000002',
      role: 'village_cadre',
      orgUnitId: village.id,
    })
    expect(user.json()).not.toHaveProperty('password')

    const cookie = await server.login('13700000002', 'Xinhe2026')
    const me = await server.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })
    expect(me.statusCode).toBe(200)
    expect(me.json<{ orgPath: OrgUnit[] }>().orgPath.map((unit) => unit.id)).toEqual([
      'demo-county',
      'demo-t2',
      village.id,
    ])
  })

  it('refuses a grid directly under a township with 400 tier_nesting', async () => {
    await expectNothingCreated(async () => {
      const response = await post('/api/org-units', {
        parentId: 'demo-t1',
        tier: 'grid',
        name: '越级网格',
      })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({
        code: 'tier_nesting',
        message: ERROR_MESSAGES.tier_nesting,
      })
    })
  })

  it('refuses a role that does not fit the tier with 400 role_tier_mismatch', async () => {
    await expectNothingCreated(async () => {
      const response = await post(
        '/api/users',
        validUser({ role: 'grid_worker', orgUnitId: 'demo-t1' }),
      )
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({
        code: 'role_tier_mismatch',
        message: ERROR_MESSAGES.role_tier_mismatch,
      })
    })
  })

  it('refuses a phone that is already registered with 409 phone_taken', async () => {
    await expectNothingCreated(async () => {
      const response = await post(
        '/api/users',
        validUser({ phone: PHONES.gridWorker, role: 'grid_worker', orgUnitId: 'demo-t1-v1-g1' }),
      )
      expect(response.statusCode).toBe(409)
      expect(response.json()).toEqual({ code: 'phone_taken', message: ERROR_MESSAGES.phone_taken })
    })
  })

  it('lets only one of two simultaneous registrations of one phone through', async () => {
    const before = await countRows(server.database, 'app_user')
    const responses = await Promise.all([
      post('/api/users', validUser({ phone: '13700000009', name: '甲' })),
      post('/api/users', validUser({ phone: '13700000009', name: '乙' })),
    ])
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409])
    expect(responses.find((response) => response.statusCode === 409)?.json()).toMatchObject({
      code: 'phone_taken',
    })
    expect(await countRows(server.database, 'app_user')).toBe(before + 1)
  })

  it('refuses anyone but an admin with 403 forbidden', async () => {
    for (const phone of [PHONES.county, PHONES.township]) {
      const cookie = await server.login(phone)
      await expectNothingCreated(async () => {
        const unit = await post(
          '/api/org-units',
          { parentId: 'demo-t1', tier: 'village', name: '私设村' },
          cookie,
        )
        expect(unit.statusCode, phone).toBe(403)
        expect(unit.json()).toEqual({ code: 'forbidden', message: ERROR_MESSAGES.forbidden })
        const user = await post(
          '/api/users',
          validUser({ phone: '13700000003', orgUnitId: 'demo-t1-v1' }),
          cookie,
        )
        expect(user.statusCode, phone).toBe(403)
        expect(user.json()).toEqual({ code: 'forbidden', message: ERROR_MESSAGES.forbidden })
      })
    }
  })

  it('asks for a login before creating anything', async () => {
    await expectNothingCreated(async () => {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/org-units',
        payload: { parentId: 'demo-t1', tier: 'village', name: '无名村' },
      })
      expect(response.statusCode).toBe(401)
    })
  })

  it('refuses a parent that does not exist with 403 out_of_scope', async () => {
    await expectNothingCreated(async () => {
      const response = await post('/api/org-units', {
        parentId: 'no-such-unit',
        tier: 'village',
        name: '空中村',
      })
      expect(response.statusCode).toBe(403)
      expect(response.json()).toEqual({
        code: 'out_of_scope',
        message: ERROR_MESSAGES.out_of_scope,
      })
    })
  })

  it('refuses a short password and a bad phone with 400 validation_failed and Chinese field messages', async () => {
    await expectNothingCreated(async () => {
      const response = await post('/api/users', validUser({ phone: '12345', password: 'abc1' }))
      expect(response.statusCode).toBe(400)
      const body = response.json<{
        code: string
        message: string
        fields: Record<string, string>
      }>()
      expect(body.code).toBe('validation_failed')
      expect(body.message).toBe(ERROR_MESSAGES.validation_failed)
      expect(body.fields).toMatchObject({ phone: '请填写11位手机号', password: '密码至少8位' })
      for (const message of Object.values(body.fields)) expect(message).toMatch(HAN)
    })
  })

  it('refuses an invalid org unit with Chinese field messages', async () => {
    await expectNothingCreated(async () => {
      const response = await post('/api/org-units', {
        parentId: 'demo-t1',
        tier: 'hamlet',
        name: '  ',
      })
      expect(response.statusCode).toBe(400)
      const body = response.json<{ code: string; fields: Record<string, string> }>()
      expect(body.code).toBe('validation_failed')
      expect(Object.keys(body.fields).sort()).toEqual(['name', 'tier'])
      for (const message of Object.values(body.fields)) expect(message).toMatch(HAN)
    })
  })

  it('refuses an unknown role and missing fields with Chinese field messages', async () => {
    await expectNothingCreated(async () => {
      const response = await post('/api/users', { phone: '13700000004', role: 'mayor' })
      expect(response.statusCode).toBe(400)
      const body = response.json<{ code: string; fields: Record<string, string> }>()
      expect(body.code).toBe('validation_failed')
      expect(Object.keys(body.fields).sort()).toEqual(['name', 'orgUnitId', 'password', 'role'])
      for (const message of Object.values(body.fields)) expect(message).toMatch(HAN)
    })
  })

  // Issue #20.1: temporary passwords and the audit log; #20.3: hand-over of a grid.
  const get = (url: string, cookie = admin) =>
    server.app.inject({ method: 'GET', url, headers: { cookie } })
  const userId = (phone: string) => `demo-user-${phone}`
  async function auditOf(targetId: string) {
    const response = await get(`/api/admin/audit?targetId=${targetId}`)
    expect(response.statusCode).toBe(200)
    return response.json<{ entries: AuditEntry[] }>().entries
  }

  it('resets a password to a temporary one that must be changed before anything else', async () => {
    const created = await post('/api/users', validUser({ phone: '13700000021' }))
    const id = created.json<{ id: string }>().id
    const oldCookie = await server.login('13700000021', 'Xincun2026')
    const reset = await post(`/api/admin/users/${id}/reset-password`, {})
    expect(reset.statusCode).toBe(200)
    const { temporaryPassword } = reset.json<{ temporaryPassword: string }>()
    expect(temporaryPassword).toMatch(/^(?=.*[a-z])(?=.*\d)[a-z\d]{10}$/)
    // The old password and the phone signed in with it are both out.
    expect((await get('/api/me', oldCookie)).statusCode).toBe(401)
    await expect(server.login('13700000021', 'Xincun2026')).rejects.toThrow(/401/)

    const cookie = await server.login('13700000021', temporaryPassword)
    expect((await get('/api/me', cookie)).json()).toMatchObject({ mustChangePassword: true })
    const refused = await get('/api/users', cookie)
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toEqual({
      code: 'password_change_required',
      message: ERROR_MESSAGES.password_change_required,
    })
    const changed = await post(
      '/api/auth/password',
      { currentPassword: temporaryPassword, newPassword: 'Mine2026x' },
      cookie,
    )
    expect(changed.statusCode).toBe(200)
    expect((await get('/api/users', cookie)).statusCode).toBe(200)
    expect((await get('/api/me', cookie)).json()).not.toHaveProperty('mustChangePassword')

    const entries = await auditOf(id)
    expect(entries.map((entry) => entry.action)).toEqual(['user.reset_password', 'user.create'])
    expect(entries[0]).toMatchObject({ actorId: userId(PHONES.admin), targetType: 'user' })
    expect(JSON.stringify(entries)).not.toMatch(new RegExp(`${temporaryPassword}|Xincun2026|argon`))
  })

  it('lets only admins read the audit log, newest first, with before and after', async () => {
    const county = await server.login(PHONES.county)
    expect((await get('/api/admin/audit', county)).statusCode).toBe(403)
    const target = userId(PHONES.otherTownshipSiblingVillageCadre)
    expect((await post(`/api/users/${target}/deactivate`, {})).statusCode).toBe(200)
    expect((await post(`/api/users/${target}/activate`, {})).statusCode).toBe(200)
    const entries = await auditOf(target)
    expect(entries.map(({ action, before, after }) => ({ action, before, after }))).toEqual([
      { action: 'user.activate', before: { isActive: false }, after: { isActive: true } },
      { action: 'user.deactivate', before: { isActive: true }, after: { isActive: false } },
    ])
    const page = (await get('/api/admin/audit?limit=1')).json<{ entries: AuditEntry[] }>()
    expect(page.entries).toHaveLength(1)
    const next = await get(
      `/api/admin/audit?limit=1&before=${encodeURIComponent(page.entries[0]?.id ?? '')}`,
    )
    const older = next.json<{ entries: AuditEntry[] }>().entries[0]?.id ?? ''
    expect(older < (page.entries[0]?.id ?? '') && older !== '').toBe(true)
  })

  it('hands a grid over: the new worker syncs its open matters, flagged, and the ledger says so', async () => {
    const oldWorker = await server.login(PHONES.gridWorker)
    const newWorker = await server.login(PHONES.siblingGridWorker)
    const replica = await new Replica(server.app, newWorker).sync()
    const issueId = uuidv7()
    await pushApplied(server.app, oldWorker, {
      id: uuidv7(),
      kind: 'issue',
      recordId: issueId,
      op: 'create',
      payload: { ...sampleCapture(), photos: [], gridId: 'demo-t1-v1-g1', orgPath: PATHS.g1 },
      baseVersion: 0,
      seq: 0,
      deviceId: 'admin-test',
      createdAt: new Date().toISOString(),
    })
    expect((await replica.sync()).records.has(issueId)).toBe(false)

    const input = {
      gridId: 'demo-t1-v1-g1',
      fromUserId: userId(PHONES.gridWorker),
      toUserId: userId(PHONES.siblingGridWorker),
    }
    for (const wrong of [
      { ...input, toUserId: userId(PHONES.villageCadre) },
      { ...input, fromUserId: userId(PHONES.otherVillageGridWorker) },
      { ...input, toUserId: input.fromUserId },
    ]) {
      const refused = await post('/api/admin/handovers', wrong)
      expect(refused.statusCode).toBe(400)
      expect(refused.json()).toMatchObject({ code: 'handover_invalid' })
    }
    const township = await server.login(PHONES.township)
    expect((await post('/api/admin/handovers', input, township)).statusCode).toBe(403)

    const handed = await post('/api/admin/handovers', input)
    expect(handed.statusCode).toBe(201)
    const result = handed.json<HandoverResult>()
    expect(result.openMatters).toContainEqual(
      expect.objectContaining({ id: issueId, isFromOldWorker: true, needsFollowUp: false }),
    )
    expect(result.oldWorkerLastPushAt).not.toBeNull()
    expect(result.handover).toMatchObject({
      gridId: 'demo-t1-v1-g1',
      fromUser: { id: input.fromUserId },
      toUser: { id: input.toUserId },
      byUser: { id: userId(PHONES.admin) },
      openMatters: result.openMatters.length,
    })
    // The new worker's phone starts over in the new scope and holds the grid's matter.
    expect((await replica.sync()).records.has(issueId)).toBe(true)
    const ledger = (await get('/api/admin/handovers')).json<{ handovers: Handover[] }>()
    expect(ledger.handovers[0]).toEqual(result.handover)
    expect((await auditOf('demo-t1-v1-g1'))[0]).toMatchObject({
      action: 'grid.handover',
      after: { workerId: input.toUserId },
    })
  })
})
