import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { PHONES } from '../support/demo-county.ts'

describe.each(DIALECTS)('the county departments directory on %s', (dialect) => {
  let server: TestServer
  beforeAll(async () => {
    server = await createTestServer(dialect)
  })
  afterAll(async () => {
    await server.close()
  })

  it.each(['gridWorker', 'township', 'department'] as const)(
    'lists every county department to a %s',
    async (person) => {
      const cookie = await server.login(PHONES[person])
      const response = await server.app.inject({
        url: '/api/org-units?tier=department',
        headers: { cookie },
      })
      expect(response.statusCode).toBe(200)
      const { units } = response.json<{ units: Array<{ tier: string; path: string }> }>()
      expect(units.length).toBeGreaterThanOrEqual(4)
      expect(
        units.every((unit) => unit.tier === 'department' && unit.path.startsWith('/demo-county/')),
      ).toBe(true)
    },
  )

  it('still lists only the own subtree without the tier filter', async () => {
    const cookie = await server.login(PHONES.gridWorker)
    const response = await server.app.inject({ url: '/api/org-units', headers: { cookie } })
    const { units } = response.json<{ units: Array<{ tier: string }> }>()
    expect(units.map((unit) => unit.tier)).toEqual(['grid'])
  })

  it('refuses an unknown tier filter with a Chinese message and no data', async () => {
    const cookie = await server.login(PHONES.gridWorker)
    const response = await server.app.inject({
      url: '/api/org-units?tier=village',
      headers: { cookie },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('asks for a session first', async () => {
    const response = await server.app.inject({ url: '/api/org-units?tier=department' })
    expect(response.statusCode).toBe(401)
  })
})
