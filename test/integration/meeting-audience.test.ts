/**
 * Issue #12.5 and #12.8 on the real server, on SQLite and PostgreSQL: a
 * village's discussion days reach the grid workers under it (read-only),
 * also for days stored before the change and devices already synced; and
 * minutes are taken only from the day on, the interpretation first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { up as meetingDaysReachGrids } from '#server/db/migrations/2026_11_27_1010_meeting_days_reach_grids.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { changeCount, loginAll, pushApplied, pushOne, Replica } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = [
  'gridWorker',
  'siblingGridWorker',
  'otherVillageGridWorker',
  'villageCadre',
  'villageMediator',
] as const satisfies readonly Person[]
type Who = (typeof PEOPLE)[number]

const POLICY = { title: '清河县农村路灯管护办法', documentNumber: '清府办发〔2026〕12号' }

describe.each(DIALECTS)('a village’s discussion days on %s', (dialect) => {
  let server: TestServer
  let as: (who: Who) => string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  /** A collective day of village v1 on `date`, planned by its cadre; its id. */
  async function plannedDay(date: string, title = '村口路灯不亮'): Promise<string> {
    const meetingId = newRecordId()
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation('meeting', meetingId, 'create', {
        date,
        place: '柳河村说事站',
        form: 'collective',
        topics: [
          {
            issueId: newRecordId(),
            title,
            tags: ['infrastructure'],
            isPrivate: false,
            verdict: 'discussable',
            status: 'accepted',
            orgPath: PATHS.g1,
          },
        ],
        policies: [POLICY],
        mediators: [],
        notices: [],
        orgPath: PATHS.v1,
      }),
    )
    return meetingId
  }

  const dayIds = async (who: Who) =>
    [...(await new Replica(server.app, as(who)).sync()).records.values()]
      .filter((record) => record.kind === 'meeting')
      .map((record) => record.id)

  it('shows the village’s days to every grid worker under it, read-only, and to no other village’s', async () => {
    const meetingId = await plannedDay('2026-11-05')
    expect(await dayIds('gridWorker')).toContain(meetingId)
    expect(await dayIds('siblingGridWorker')).toContain(meetingId)
    expect(await dayIds('otherVillageGridWorker')).not.toContain(meetingId)

    const minutes = { signIn: { count: 3, representatives: [], sheetPhotos: [] } }
    for (const who of ['gridWorker', 'otherVillageGridWorker'] as const) {
      const result = await pushOne(
        server.app,
        as(who),
        mutation('meeting', meetingId, 'record', minutes, 1),
      )
      expect(result).toMatchObject({ status: 'rejected', code: 'out_of_scope' })
    }
  })

  it('sends a day stored before the change to a grid device already synced, on its next pull', async () => {
    const device = await new Replica(server.app, as('gridWorker')).sync()
    const otherVillage = await new Replica(server.app, as('otherVillageGridWorker')).sync()
    const meetingId = await plannedDay('2026-11-05', '排水沟堵塞')
    // Make it a day as the old kind stored it: no downward mark, heard by the village only.
    const key = `meeting:${meetingId}`
    await server.database.db
      .deleteFrom('record_audience')
      .where('record_key', '=', key)
      .where('path', 'like', '%*')
      .execute()
    await server.database.db
      .deleteFrom('change_audience')
      .where('path', 'like', '%*')
      .where('seq', 'in', (eb) =>
        eb.selectFrom('change_log').select('seq').where('record_key', '=', key),
      )
      .execute()
    await device.sync()
    expect(device.records.has(meetingId)).toBe(false)

    await meetingDaysReachGrids(server.database.db)
    await device.sync()
    expect(device.records.get(meetingId)?.data).toMatchObject({ topics: [{ title: '排水沟堵塞' }] })
    await otherVillage.sync()
    expect(otherVillage.records.has(meetingId)).toBe(false)

    // Running it again changes nothing: the day already has its mark.
    const changes = await changeCount(server.database, 'meeting', meetingId)
    await meetingDaysReachGrids(server.database.db)
    expect(await changeCount(server.database, 'meeting', meetingId)).toBe(changes)
  })

  it('refuses minutes before the day’s date, in Chinese, and changes nothing', async () => {
    const tomorrow = chinaDate(new Date(Date.now() + 24 * 3600 * 1000).toISOString())
    const meetingId = await plannedDay(tomorrow)
    const result = await pushOne(
      server.app,
      as('villageMediator'),
      mutation(
        'meeting',
        meetingId,
        'record',
        { signIn: { count: 20, representatives: [], sheetPhotos: [] } },
        1,
      ),
    )
    expect(result).toMatchObject({
      status: 'rejected',
      code: 'day_not_reached',
      message: `议事日是${tomorrow}，当天或之后才能记录议事和签字确认`,
    })
    expect(await changeCount(server.database, 'meeting', meetingId)).toBe(1)
  })

  it('refuses an outcome before the policy is interpreted, and takes it after', async () => {
    const meetingId = await plannedDay('2026-11-05', '晒场占道')
    const replica = await new Replica(server.app, as('villageCadre')).sync()
    const issueId = String(
      (replica.records.get(meetingId)?.data.topics as Array<{ issueId: string }>)[0]?.issueId,
    )
    const outcome = { topics: [{ issueId, outcome: 'agreed', views: '同意' }] }
    const refused = await pushOne(
      server.app,
      as('villageMediator'),
      mutation('meeting', meetingId, 'record', outcome, 1),
    )
    expect(refused).toMatchObject({ status: 'rejected', code: 'interpret_first' })
    expect(refused.status === 'rejected' && refused.message).toContain('先解读，再议事')
    const held = await pushApplied(
      server.app,
      as('villageMediator'),
      mutation(
        'meeting',
        meetingId,
        'record',
        { ...outcome, policies: [{ ...POLICY, interpretedBy: '县住建局·经办人' }] },
        1,
      ),
    )
    expect(held.data).toMatchObject({ status: 'held', topics: [{ outcome: 'agreed' }] })
  })
})
