/**
 * County settings on both dialects (issue #20.4, docs/settings.md): every
 * device reads the version in force; county staff and admins save the whole
 * table from the version they edited; bad tables and stale or racing saves
 * change nothing; a save is in force at once for new deadlines, while
 * deadlines computed earlier keep the table they were computed with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from 'uuidv7'
import { sampleCapture } from '#shared/issue/issue.fixtures.ts'
import type { IssueData } from '#shared/issue/issue.schema.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import {
  settingsSnapshotSchema,
  type CountySettings,
  type SettingsSnapshot,
} from '#shared/settings/settings.schema.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { loginAll, pushApplied, Replica } from '../support/sync-client.ts'

const PEOPLE: Person[] = ['gridWorker', 'county', 'admin', 'township', 'justiceBureau']

function createIssue(recordId: string): Mutation {
  return {
    id: uuidv7(),
    kind: 'issue',
    recordId,
    op: 'create',
    payload: { ...sampleCapture(), photos: [], gridId: 'demo-t1-v1-g1', orgPath: PATHS.g1 },
    baseVersion: 0,
    seq: 0,
    deviceId: 'settings-test',
    createdAt: new Date().toISOString(),
  }
}

describe.each(DIALECTS)('county settings (%s)', (dialect) => {
  let server: TestServer
  let cookie: (person: Person) => string

  beforeAll(async () => {
    server = await createTestServer(dialect, { env: { ISSUE_STAGE_DEADLINES: 'accept=3' } })
    cookie = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  async function read(person: Person): Promise<SettingsSnapshot> {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/settings',
      headers: { cookie: cookie(person) },
    })
    expect(response.statusCode, response.body).toBe(200)
    return settingsSnapshotSchema.parse(response.json())
  }

  function save(person: Person, baseVersion: number, settings: unknown) {
    return server.app.inject({
      method: 'PUT',
      url: '/api/settings',
      headers: { cookie: cookie(person) },
      payload: { baseVersion, settings },
    })
  }

  const changed = (base: CountySettings, patch: Partial<CountySettings>): CountySettings => ({
    ...base,
    ...patch,
  })

  it('gives every signed-in device the initial values, from the environment, as version 0', async () => {
    const snapshot = await read('gridWorker')
    expect(snapshot.version).toBe(0)
    expect(snapshot.settings.stageDeadlines.accept).toBe(3)
    expect(snapshot.settings.fixedDay.county).toEqual({ type: 'day_of_month', day: 5 })
    expect(snapshot.settings.oversight.supervisionBody).toBe('demo-dept-6')
    const signedOut = await server.app.inject({ method: 'GET', url: '/api/settings' })
    expect(signedOut.statusCode).toBe(401)
  })

  it('refuses a change from a grid worker or township staff and stores nothing', async () => {
    const { settings } = await read('county')
    for (const person of ['gridWorker', 'township'] as const) {
      const response = await save(person, 0, settings)
      expect(response.statusCode).toBe(403)
      expect(response.json()).toMatchObject({ code: 'forbidden' })
    }
    expect(await countRows(server.database, 'county_setting')).toBe(0)
  })

  it('refuses a bad table with a reason in Chinese and stores nothing', async () => {
    const { settings } = await read('county')
    const zeroDays = await save('county', 0, {
      ...settings,
      stageDeadlines: { ...settings.stageDeadlines, accept: 0 },
    })
    expect(zeroDays.statusCode).toBe(400)
    expect(zeroDays.json().message).toMatch(/[\u4e00-\u9fff]/)
    const day31 = await save('county', 0, {
      ...settings,
      fixedDay: { county: { type: 'day_of_month', day: 31 }, units: {} },
    })
    expect(day31.statusCode).toBe(400)
    const gridDay = await save('county', 0, {
      ...settings,
      fixedDay: {
        ...settings.fixedDay,
        units: { 'demo-t1-v1-g1': { type: 'day_of_month', day: 9 } },
      },
    })
    expect(gridDay.statusCode).toBe(400)
    expect(gridDay.json()).toMatchObject({ code: 'invalid_settings' })
    expect(gridDay.json().fields['fixedDay.units']).toMatch(/乡镇/)
    const townshipBody = await save('county', 0, {
      ...settings,
      oversight: { ...settings.oversight, supervisionBody: 'demo-t1' },
    })
    expect(townshipBody.statusCode).toBe(400)
    expect(townshipBody.json().fields['oversight.supervisionBody']).toMatch(/部门/)
    expect(await countRows(server.database, 'county_setting')).toBe(0)
  })

  it('puts a saved table in force at once, without rewriting deadlines already set', async () => {
    const before = await pushApplied(server.app, cookie('gridWorker'), createIssue(uuidv7()))
    const beforeData = before.data as IssueData
    expect(beforeData.deadlines.accept).toMatchObject({ workingDays: 3 })
    expect(beforeData.deadlines.accept?.tableVersion).toBeUndefined()

    const { settings } = await read('county')
    const next = changed(settings, {
      stageDeadlines: { ...settings.stageDeadlines, accept: 7 },
      fixedDay: {
        ...settings.fixedDay,
        units: { 'demo-t1': { type: 'nth_weekday', nth: 1, weekday: 1 } },
      },
    })
    const response = await save('county', 0, next)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ version: 1, changedByName: expect.any(String) })

    const after = await pushApplied(server.app, cookie('gridWorker'), createIssue(uuidv7()))
    expect((after.data as IssueData).deadlines.accept).toMatchObject({
      workingDays: 7,
      tableVersion: 1,
    })
    // The earlier report, pulled again, keeps the table in force when it was registered.
    const replica = new Replica(server.app, cookie('gridWorker'))
    await replica.sync()
    const earlier = replica.records.get(before.id)
    expect((earlier?.data as IssueData | undefined)?.deadlines.accept).toEqual(
      beforeData.deadlines.accept,
    )
    // Every device reads the new version; only keepers see who changed it.
    const seen = await read('gridWorker')
    expect(seen.version).toBe(1)
    expect(seen.settings.fixedDay.units['demo-t1']).toEqual({
      type: 'nth_weekday',
      nth: 1,
      weekday: 1,
    })
    expect(seen.changedByName).toBeNull()
  })

  it('refuses a save from an older version, and lets one of two racing saves in', async () => {
    const { settings, version } = await read('admin')
    const stale = await save('admin', version - 1, settings)
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ code: 'settings_conflict' })

    const racing = await Promise.all(
      [4, 5, 6].map((accept) =>
        save(
          'admin',
          version,
          changed(settings, {
            stageDeadlines: { ...settings.stageDeadlines, accept },
          }),
        ),
      ),
    )
    expect(racing.map((r) => r.statusCode).sort()).toEqual([200, 409, 409])
    expect(await countRows(server.database, 'county_setting')).toBe(version + 1)
  })

  it('keeps every version in the history, newest first, for those who keep the settings', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/settings/history',
      headers: { cookie: cookie('county') },
    })
    expect(response.statusCode).toBe(200)
    const { versions } = response.json<{ versions: SettingsSnapshot[] }>()
    expect(versions.map((v) => v.version)).toEqual([2, 1])
    expect(versions[1]?.settings.stageDeadlines.accept).toBe(7)
    const refused = await server.app.inject({
      method: 'GET',
      url: '/api/settings/history',
      headers: { cookie: cookie('gridWorker') },
    })
    expect(refused.statusCode).toBe(403)
  })

  it('tells devices the oversight bodies in force, not those of the environment', async () => {
    const { settings, version } = await read('county')
    const response = await save('county', version, {
      ...settings,
      oversight: { ...settings.oversight, supervisionBody: null },
    })
    expect(response.statusCode, response.body).toBe(200)
    const oversight = await server.app.inject({
      method: 'GET',
      url: '/api/oversight/settings',
      headers: { cookie: cookie('justiceBureau') },
    })
    expect(oversight.json()).toMatchObject({ supervisionBodyPath: null })
  })
})
