import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const pkg: unknown = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
)
const packageVersion =
  typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined

describe.each(DIALECTS)('health on %s', (dialect) => {
  let server: TestServer
  beforeAll(async () => {
    server = await createTestServer(dialect)
  })
  afterAll(() => server.close())

  it('answers ok with the dialect and the package version, without a session', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    // In-memory SQLite and PostgreSQL have no local data folder to measure.
    expect(response.json()).toEqual({
      status: 'ok',
      database: dialect,
      version: packageVersion,
      problems: [],
      disk: null,
    })
  })
})
