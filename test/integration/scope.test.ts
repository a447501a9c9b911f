import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import type { User } from '#shared/auth/auth.schema.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import { PHONES, type Person } from '../support/demo-county.ts'
import { loginAll } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const OUT_OF_SCOPE = { code: 'out_of_scope', message: ERROR_MESSAGES.out_of_scope }

describe.each(DIALECTS)('scope on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string
  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, ['gridWorker', 'villageCadre', 'township', 'department', 'county'])
  })
  afterAll(() => server.close())

  function get(person: Person, url: string) {
    return server.app.inject({ method: 'GET', url, headers: { cookie: as(person) } })
  }

  it("refuses a village cadre a sibling village's unit with 403 out_of_scope", async () => {
    const response = await get('villageCadre', '/api/org-units/demo-t1-v2')
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(OUT_OF_SCOPE)
  })

  it('answers a unit that does not exist with the very same 403, so probes learn nothing', async () => {
    const response = await get('villageCadre', '/api/org-units/no-such-unit')
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(OUT_OF_SCOPE)
  })

  it('refuses a village cadre its parent township too', async () => {
    const response = await get('villageCadre', '/api/org-units/demo-t1')
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(OUT_OF_SCOPE)
  })

  it('shows a village cadre its own unit with its grids and people', async () => {
    const response = await get('villageCadre', '/api/org-units/demo-t1-v1')
    expect(response.statusCode).toBe(200)
    const body = response.json<{ unit: OrgUnit; children: OrgUnit[]; users: User[] }>()
    expect(body.unit).toMatchObject({ id: 'demo-t1-v1', tier: 'village' })
    expect(body.children.map((unit) => unit.id).sort()).toEqual(['demo-t1-v1-g1', 'demo-t1-v1-g2'])
    expect(body.users.map((user) => user.phone)).toContain(PHONES.villageCadre)
    expect(body.users.every((user) => user.orgUnitId === 'demo-t1-v1')).toBe(true)
  })

  it('shows a village cadre each of its own grids', async () => {
    for (const grid of ['demo-t1-v1-g1', 'demo-t1-v1-g2']) {
      const response = await get('villageCadre', `/api/org-units/${grid}`)
      expect(response.statusCode, grid).toBe(200)
      expect(response.json()).toMatchObject({ unit: { id: grid, tier: 'grid' }, children: [] })
    }
  })

  it("lists for township staff only the township's own subtree", async () => {
    const response = await get('township', '/api/org-units')
    expect(response.statusCode).toBe(200)
    const { units } = response.json<{ units: OrgUnit[] }>()
    expect(units.map((unit) => unit.id)).toEqual([
      'demo-t1',
      'demo-t1-v1',
      'demo-t1-v1-g1',
      'demo-t1-v1-g2',
      'demo-t1-v2',
      'demo-t1-v2-g1',
      'demo-t1-v2-g2',
    ])
    for (const unit of units) expect(unit.path.startsWith('/demo-county/demo-t1/')).toBe(true)
  })

  it('lists for department staff only its own department', async () => {
    const response = await get('department', '/api/org-units')
    expect(response.statusCode).toBe(200)
    expect(response.json<{ units: OrgUnit[] }>().units.map((unit) => unit.id)).toEqual([
      'demo-dept-1',
    ])
    const other = await get('department', '/api/org-units/demo-dept-2')
    expect(other.statusCode).toBe(403)
    expect(other.json()).toEqual(OUT_OF_SCOPE)
  })

  it('names every unit of the county to a department, also those it may not open', async () => {
    const response = await get('department', '/api/org-units/names')
    expect(response.statusCode).toBe(200)
    const { units } = response.json<{ units: Record<string, unknown>[] }>()
    const byId = new Map(units.map((unit) => [unit.id, unit]))
    for (const id of ['demo-county', 'demo-t1', 'demo-t1-v1', 'demo-t1-v1-g1', 'demo-dept-2']) {
      expect(byId.get(id), id).toMatchObject({ id, name: expect.any(String) })
    }
    // Names only: no paths, parents or people of units outside the scope.
    expect(Object.keys(units[0] ?? {}).sort()).toEqual(['id', 'name', 'tier'])
    // Opening such a unit is still refused.
    expect((await get('department', '/api/org-units/demo-t1-v1-g1')).statusCode).toBe(403)
  })

  it('refuses the unit names to a caller who is not signed in', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/org-units/names' })
    expect(response.statusCode).toBe(401)
  })

  it('lists for county staff the whole county', async () => {
    const response = await get('county', '/api/org-units')
    expect(response.statusCode).toBe(200)
    const { units } = response.json<{ units: OrgUnit[] }>()
    expect(units[0]?.id).toBe('demo-county')
    expect(units.length).toBeGreaterThanOrEqual(1 + 4 + 3 + 6 + 12)
  })

  it('lists for a grid worker only the users of its own grid', async () => {
    const response = await get('gridWorker', '/api/users')
    expect(response.statusCode).toBe(200)
    const { users } = response.json<{ users: User[] }>()
    expect(users.map((user) => user.phone)).toContain(PHONES.gridWorker)
    expect(users.every((user) => user.orgUnitId === 'demo-t1-v1-g1')).toBe(true)
  })

  it("lists for township staff only users inside the township's subtree", async () => {
    const response = await get('township', '/api/users')
    expect(response.statusCode).toBe(200)
    const { users } = response.json<{ users: User[] }>()
    expect(users.length).toBeGreaterThan(1)
    expect(users.every((user) => user.orgUnitId.startsWith('demo-t1'))).toBe(true)
    expect(users.some((user) => user.orgUnitId.startsWith('demo-t2'))).toBe(false)
  })

  it('asks for a login before showing any org data', async () => {
    for (const url of ['/api/org-units', '/api/org-units/demo-t1', '/api/users']) {
      const response = await server.app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(401)
      expect(response.json(), url).toEqual({
        code: 'unauthenticated',
        message: ERROR_MESSAGES.unauthenticated,
      })
    }
  })
})
