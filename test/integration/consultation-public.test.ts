/**
 * The public side of consultation through the real server, on both
 * dialects: the yearly participation catalogue (compiled and published by
 * county staff, public without an account, overdue entries counted).
 */
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PublicCatalogues } from '#shared/consultation/public-catalogue.ts'
import { PATHS } from '../support/demo-county.ts'
import { kindMutation as mutation } from '../support/memo-kind.ts'
import { loginAll, pushApplied, pushOne } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const CATALOGUE = 'participation_catalogue'

describe.each(DIALECTS)('the public side of consultation on %s', (dialect) => {
  let server: TestServer
  let as: Awaited<ReturnType<typeof loginAll>>

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, ['county', 'department', 'otherDepartment', 'township'])
  })
  afterAll(() => server.close())

  const publicCatalogues = async (year: number) => {
    const response = await server.app.inject({ url: `/api/public/catalogues/${year}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json<PublicCatalogues>()
  }

  describe('the yearly participation catalogue', () => {
    const catalogueId = uuidv7()
    const entries = [
      { id: 'e1', title: '停车收费管理办法', department: PATHS.dept1, plannedQuarter: 1 },
      { id: 'e2', title: '养老服务补贴细则', department: PATHS.dept2, plannedQuarter: 3 },
    ]

    it('is public only once county staff publish it, without an account', async () => {
      await pushApplied(
        server.app,
        as('county'),
        mutation(CATALOGUE, catalogueId, 'create', { year: 2025, entries }),
      )
      expect((await publicCatalogues(2025)).catalogues).toEqual([])
      await pushApplied(server.app, as('county'), mutation(CATALOGUE, catalogueId, 'publish', {}))
      const [catalogue] = (await publicCatalogues(2025)).catalogues
      expect(catalogue?.entries.map((entry) => [entry.title, entry.plannedQuarter])).toEqual([
        ['停车收费管理办法', 1],
        ['养老服务补贴细则', 3],
      ])
      // Names, never paths or who compiled it.
      expect(JSON.stringify(catalogue)).not.toContain('/demo-county/')
    })

    it('refuses a department or a township compiling a catalogue, and a second one for the year', async () => {
      for (const person of ['department', 'township'] as const) {
        const result = await pushOne(
          server.app,
          as(person),
          mutation(CATALOGUE, uuidv7(), 'create', { year: 2027, entries }),
        )
        expect(result).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
      }
      const twin = await pushOne(
        server.app,
        as('county'),
        mutation(CATALOGUE, uuidv7(), 'create', { year: 2025, entries: [] }),
      )
      expect(twin).toMatchObject({ status: 'rejected', code: 'duplicate_catalogue' })
    })

    it('shows an entry overdue once its quarter ended without a consultation, and counts it for its department', async () => {
      const [catalogue] = (await publicCatalogues(2025)).catalogues
      expect(catalogue?.entries.map((entry) => entry.status)).toEqual(['overdue', 'overdue'])
      expect(catalogue?.overdue).toBe(2)
      const overdueFor = async (person: 'county' | 'department' | 'township') => {
        const response = await server.app.inject({
          url: '/api/consultation/catalogues/2025/overdue',
          headers: { cookie: as(person) },
        })
        expect(response.statusCode, response.body).toBe(200)
        return response.json<{ overdue: number }>().overdue
      }
      expect(await overdueFor('county')).toBe(2)
      expect(await overdueFor('department')).toBe(1)
      expect(await overdueFor('township')).toBe(0)
      const anonymous = await server.app.inject({
        url: '/api/consultation/catalogues/2025/overdue',
      })
      expect(anonymous.statusCode).toBe(401)
    })

    it('answers a year out of range with a Chinese reason, not a 500', async () => {
      const response = await server.app.inject({ url: '/api/public/catalogues/99999' })
      expect(response.statusCode).toBe(400)
      expect(response.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fff]/)
    })
  })
})
