/**
 * The first county of a real deployment (`npm run county:init`): on an empty
 * database it creates the county and an admin who can sign in and build the
 * tree; it refuses bad input and a database that already has units, changing
 * nothing.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bootstrapCounty, BootstrapRefused } from '#server/org/bootstrap.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const COUNTY = {
  countyId: 'qinghe',
  countyName: '清河县说事中心',
  adminPhone: '13812345678',
  adminName: '张三',
  adminPassword: 'Qinghe2026ok',
}

describe.each(DIALECTS)('bootstrapping a real county on %s', (dialect) => {
  let server: TestServer
  beforeAll(async () => {
    server = await createTestServer(dialect, { seed: false })
  })
  afterAll(() => server.close())

  it('refuses bad input and creates nothing', async () => {
    await expect(
      bootstrapCounty(server.database.db, { ...COUNTY, adminPassword: 'short' }),
    ).rejects.toThrow(BootstrapRefused)
    await expect(
      bootstrapCounty(server.database.db, { ...COUNTY, countyId: 'Qing He' }),
    ).rejects.toThrow(/COUNTY_ID/)
    expect(await countRows(server.database, 'org_unit')).toBe(0)
    expect(await countRows(server.database, 'app_user')).toBe(0)
  })

  it('creates the county and an admin who signs in and builds the tree', async () => {
    await bootstrapCounty(server.database.db, COUNTY)
    const cookie = await server.login(COUNTY.adminPhone, COUNTY.adminPassword)
    const me = await server.app.inject({ url: '/api/me', headers: { cookie } })
    expect(me.json()).toMatchObject({
      user: { role: 'admin', name: '张三' },
      orgUnit: { id: 'qinghe', tier: 'county', path: '/qinghe/' },
    })
    const township = await server.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: { cookie },
      payload: { parentId: 'qinghe', tier: 'township', name: '白马镇说事处' },
    })
    expect(township.statusCode, township.body).toBe(201)
  })

  it('refuses a second run and changes nothing', async () => {
    const units = await countRows(server.database, 'org_unit')
    await expect(
      bootstrapCounty(server.database.db, { ...COUNTY, adminPhone: '13812345679' }),
    ).rejects.toThrow(/already has org units/)
    expect(await countRows(server.database, 'org_unit')).toBe(units)
    expect(await countRows(server.database, 'app_user')).toBe(1)
  })
})

describe('npm run county:init', () => {
  it('creates the county once from the environment, then refuses with exit code 1', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'shuoshi-init-'))
    const run = () =>
      promisify(execFile)('npx', ['tsx', 'src/server/bootstrap.ts'], {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          DATABASE_URL: '',
          COUNTY_ID: COUNTY.countyId,
          COUNTY_NAME: COUNTY.countyName,
          ADMIN_PHONE: COUNTY.adminPhone,
          ADMIN_NAME: COUNTY.adminName,
          ADMIN_PASSWORD: COUNTY.adminPassword,
        },
      })
    try {
      expect((await run()).stdout).toContain('county qinghe and its admin created')
      const second = await run().then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      )
      expect(second.code).toBe(1)
      expect(second.stderr).toContain('already has org units')
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})
