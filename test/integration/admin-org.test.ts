/**
 * The admin screens' edits (issue #20.1): accounts searched and edited,
 * units renamed, moved and retired, each change in the audit log; refusals
 * change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import type { AdminUnit, AdminUser, AuditEntry } from '#shared/admin/admin.schema.ts'
import { uuidv7 } from 'uuidv7'
import { sampleCapture } from '#shared/issue/issue.fixtures.ts'
import { PATHS, PHONES } from '../support/demo-county.ts'
import { pushApplied } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

describe.each(DIALECTS)('admin edits on %s', (dialect) => {
  let server: TestServer
  let admin: string
  beforeAll(async () => {
    server = await createTestServer(dialect)
    admin = await server.login(PHONES.admin)
  })
  afterAll(() => server.close())

  const send = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object, cookie = admin) =>
    server.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie } })
  const userId = (phone: string) => `demo-user-${phone}`
  const units = async () =>
    (await send('GET', '/api/admin/org-units')).json<{ units: AdminUnit[] }>().units

  it('finds accounts by a part of the name or phone, with their state', async () => {
    const found = await send('GET', `/api/admin/users?q=${PHONES.gridWorker.slice(0, 9)}`)
    expect(found.statusCode).toBe(200)
    const users = found.json<{ users: AdminUser[] }>().users
    expect(users.map((user) => user.phone)).toContain(PHONES.gridWorker)
    expect(users.every((user) => user.phone.startsWith(PHONES.gridWorker.slice(0, 9)))).toBe(true)
    expect(users[0]).toMatchObject({ isActive: true, mustChangePassword: false })
    expect(users[0]).not.toHaveProperty('passwordHash')
    // A wildcard is a character like any other, not "everything".
    const none = await send('GET', `/api/admin/users?q=${encodeURIComponent('%')}`)
    expect(none.json<{ users: AdminUser[] }>().users).toEqual([])
    expect(
      (await send('GET', '/api/admin/users', undefined, await server.login(PHONES.county)))
        .statusCode,
    ).toBe(403)
  })

  it('changes the role and unit of an account, audited, and refuses a role that does not fit', async () => {
    const target = userId(PHONES.otherTownshipVillageCadre)
    const mismatch = await send('PATCH', `/api/admin/users/${target}`, {
      orgUnitId: 'demo-t2-v1-g1',
    })
    expect(mismatch.statusCode).toBe(400)
    expect(mismatch.json()).toEqual({
      code: 'role_tier_mismatch',
      message: ERROR_MESSAGES.role_tier_mismatch,
    })
    const moved = await send('PATCH', `/api/admin/users/${target}`, {
      role: 'grid_worker',
      orgUnitId: 'demo-t2-v1-g1',
      name: '改任网格员',
    })
    expect(moved.statusCode).toBe(200)
    expect(moved.json()).toMatchObject({ role: 'grid_worker', orgUnitId: 'demo-t2-v1-g1' })
    const me = await send(
      'GET',
      '/api/me',
      undefined,
      await server.login(PHONES.otherTownshipVillageCadre),
    )
    expect(me.json()).toMatchObject({ user: { role: 'grid_worker', name: '改任网格员' } })
    const audit = await send('GET', `/api/admin/audit?targetId=${target}`)
    expect(audit.json<{ entries: AuditEntry[] }>().entries[0]).toMatchObject({
      action: 'user.update',
      before: { role: 'village_cadre', orgUnitId: 'demo-t2-v1' },
      after: { role: 'grid_worker', orgUnitId: 'demo-t2-v1-g1', name: '改任网格员' },
    })
    const self = await send('PATCH', `/api/admin/users/${userId(PHONES.admin)}`, {
      role: 'county_staff',
    })
    expect(self.json()).toEqual({
      code: 'cannot_change_self',
      message: ERROR_MESSAGES.cannot_change_self,
    })
  })

  it('renames and moves a unit with its subtree, and refuses to move one with records', async () => {
    const village = (
      await send('POST', '/api/org-units', { parentId: 'demo-t2', tier: 'village', name: '迁移村' })
    ).json<AdminUnit>()
    const grid = (
      await send('POST', '/api/org-units', { parentId: village.id, tier: 'grid', name: '迁移网格' })
    ).json<AdminUnit>()
    const moved = await send('PATCH', `/api/admin/org-units/${village.id}`, {
      name: '新迁村',
      parentId: 'demo-t3',
    })
    expect(moved.statusCode).toBe(200)
    expect(moved.json()).toMatchObject({
      name: '新迁村',
      parentId: 'demo-t3',
      path: `/demo-county/demo-t3/${village.id}/`,
    })
    expect((await units()).find((unit) => unit.id === grid.id)?.path).toBe(
      `/demo-county/demo-t3/${village.id}/${grid.id}/`,
    )
    for (const [payload, code] of [
      [{ parentId: grid.id }, 'move_into_own_subtree'],
      [{ parentId: 'demo-dept-1' }, 'tier_nesting'],
    ] as const) {
      const refused = await send('PATCH', `/api/admin/org-units/${village.id}`, payload)
      expect(refused.json(), code).toMatchObject({ code })
    }
    // A report in demo-t2-v1's grid: its paths would go stale.
    await pushApplied(server.app, await server.login(PHONES.otherTownshipGridWorker), {
      id: uuidv7(),
      kind: 'issue',
      recordId: uuidv7(),
      op: 'create',
      payload: { ...sampleCapture(), photos: [], gridId: 'demo-t2-v1-g1', orgPath: PATHS.t2g1 },
      baseVersion: 0,
      seq: 0,
      deviceId: 'admin-org-test',
      createdAt: new Date().toISOString(),
    })
    const withRecords = await send('PATCH', '/api/admin/org-units/demo-t2-v1', {
      parentId: 'demo-t3',
    })
    expect(withRecords.statusCode).toBe(409)
    expect(withRecords.json()).toMatchObject({ code: 'unit_has_records' })
    expect((await units()).find((unit) => unit.id === 'demo-t2-v1')?.parentId).toBe('demo-t2')
  })

  it('retires a unit only without active accounts, keeps it, and takes nothing new under it', async () => {
    const village = (
      await send('POST', '/api/org-units', { parentId: 'demo-t2', tier: 'village', name: '撤并村' })
    ).json<AdminUnit>()
    const user = (
      await send('POST', '/api/users', {
        phone: '13700000031',
        name: '撤并村干部',
        password: 'Chebing2026',
        role: 'village_cadre',
        orgUnitId: village.id,
      })
    ).json<AdminUser>()
    const busy = await send('POST', `/api/admin/org-units/${village.id}/retire`)
    expect(busy.statusCode).toBe(409)
    expect(busy.json()).toMatchObject({ code: 'unit_has_users' })
    await send('POST', `/api/users/${user.id}/deactivate`, {})
    const retired = await send('POST', `/api/admin/org-units/${village.id}/retire`)
    expect(retired.statusCode).toBe(200)
    expect(retired.json<AdminUnit>().retiredAt).not.toBeNull()
    expect((await units()).find((unit) => unit.id === village.id)?.retiredAt).not.toBeNull()
    const under = await send('POST', '/api/org-units', {
      parentId: village.id,
      tier: 'grid',
      name: '新网格',
    })
    expect(under.json()).toEqual({ code: 'unit_retired', message: ERROR_MESSAGES.unit_retired })
    const root = await send('POST', '/api/admin/org-units/demo-county/retire')
    expect(root.json()).toMatchObject({ code: 'cannot_retire_root' })
  })
})
