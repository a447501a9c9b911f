/**
 * Issue #18.4 on the real server, on SQLite and PostgreSQL: mediators'
 * touring classes (巡讲课堂) and studios (工作室) sync like every kind, are
 * kept to their village's or unit's subtree, name only pool members the
 * author sees, and count in supervision where they are home.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { MEDIATOR_KIND } from '#shared/meeting/mediator.kind.ts'
import { STUDIO_KIND, TOURING_CLASS_KIND } from '#shared/meeting/outreach.schema.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, pushApplied, pushOne, Replica } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = [
  'county',
  'township',
  'villageCadre',
  'villageMediator',
  'siblingVillageCadre',
  'gridWorker',
] as const satisfies readonly Person[]
type Who = (typeof PEOPLE)[number]

const TODAY = chinaDate(new Date().toISOString())
const MEDIATOR = {
  name: '周调解',
  types: ['people_mediator'],
  expertise: ['land'],
  orgPath: PATHS.v1,
}

describe.each(DIALECTS)('mediators’ outreach on %s', (dialect) => {
  let server: TestServer
  let as: (who: Who) => string
  const mediatorId = newRecordId()
  const otherMediatorId = newRecordId()
  const classId = newRecordId()
  const studioId = newRecordId()

  const classPayload = (overrides: Record<string, unknown> = {}) => ({
    villagePath: PATHS.v1,
    villageName: '柳河村',
    topic: '土地承包法律知识进村',
    basis: '《农村土地承包法》',
    heldOn: TODAY,
    attendance: 42,
    mediators: [{ id: mediatorId, name: MEDIATOR.name }],
    photos: [],
    ...overrides,
  })
  const kindIds = async (who: Who, kind: string) =>
    [...(await new Replica(server.app, as(who)).sync()).records.values()]
      .filter((record) => record.kind === kind)
      .map((record) => record.id)
  const outreachOf = async (who: Who, path: string) => {
    const answer = await server.app.inject({
      url: `/api/supervision?period=custom&from=${TODAY.slice(0, 4)}-01-01&to=${TODAY}`,
      headers: { cookie: as(who) },
    })
    expect(answer.statusCode).toBe(200)
    type Row = { unit: { path: string }; outreach: Record<string, number> }
    const view = answer.json<{ total: Row; areas: Row[] }>()
    return { total: view.total.outreach, area: view.areas.find((r) => r.unit.path === path) }
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(MEDIATOR_KIND, mediatorId, 'create', MEDIATOR),
    )
    await pushApplied(
      server.app,
      as('siblingVillageCadre'),
      mutation(MEDIATOR_KIND, otherMediatorId, 'create', {
        ...MEDIATOR,
        name: '吴邻村',
        orgPath: PATHS.v2,
      }),
    )
  })
  afterAll(() => server.close())

  it('keeps a touring class to its village and above, and counts it in supervision', async () => {
    const before = await outreachOf('township', PATHS.v1)
    await pushApplied(
      server.app,
      as('villageMediator'),
      mutation(TOURING_CLASS_KIND, classId, 'create', classPayload()),
    )
    expect(await kindIds('villageCadre', TOURING_CLASS_KIND)).toEqual([classId])
    expect(await kindIds('township', TOURING_CLASS_KIND)).toEqual([classId])
    expect(await kindIds('siblingVillageCadre', TOURING_CLASS_KIND)).toEqual([])
    const after = await outreachOf('township', PATHS.v1)
    expect(after.total.classes).toBe((before.total.classes ?? 0) + 1)
    expect(after.area).toMatchObject({
      outreach: {
        classes: (before.area?.outreach.classes ?? 0) + 1,
        attendance: (before.area?.outreach.attendance ?? 0) + 42,
      },
    })
  })

  it('refuses a class by a grid worker, elsewhere, in the future, or naming an unseen mediator', async () => {
    const refusal = async (who: Who, payload: Record<string, unknown>) =>
      pushOne(server.app, as(who), mutation(TOURING_CLASS_KIND, newRecordId(), 'create', payload))
    expect(await refusal('gridWorker', classPayload())).toMatchObject({ code: 'forbidden_role' })
    expect(
      await refusal('villageCadre', classPayload({ villagePath: PATHS.v2, villageName: '杏花村' })),
    ).toMatchObject({ code: 'out_of_scope' })
    expect(await refusal('villageCadre', classPayload({ heldOn: '2099-01-01' }))).toMatchObject({
      status: 'rejected',
      code: 'invalid_payload',
    })
    expect(
      await refusal(
        'villageCadre',
        classPayload({ mediators: [{ id: otherMediatorId, name: '吴邻村' }] }),
      ),
    ).toMatchObject({ status: 'rejected', code: 'unknown_mediator' })
    expect(
      await refusal(
        'villageCadre',
        classPayload({ mediators: [{ id: mediatorId, name: '冒名' }] }),
      ),
    ).toMatchObject({ status: 'rejected', code: 'unknown_mediator' })
  })

  it('opens a studio, records its sessions with that day’s roster, and counts them', async () => {
    const studio = {
      orgPath: PATHS.v1,
      name: '老周调解工作室',
      leader: { id: mediatorId, name: MEDIATOR.name },
      members: [],
    }
    const byMediator = await pushOne(
      server.app,
      as('villageMediator'),
      mutation(STUDIO_KIND, newRecordId(), 'create', studio),
    )
    expect(byMediator).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(STUDIO_KIND, studioId, 'create', studio),
    )
    const before = await outreachOf('township', PATHS.v1)
    await pushApplied(
      server.app,
      as('villageMediator'),
      mutation(
        STUDIO_KIND,
        studioId,
        'add_session',
        { heldOn: TODAY, topic: '接待群众', attendance: 6 },
        1,
      ),
    )
    const replica = await new Replica(server.app, as('township')).sync()
    expect(replica.records.get(studioId)?.data).toMatchObject({
      sessions: [{ topic: '接待群众', mediatorIds: [mediatorId] }],
    })
    expect(await kindIds('siblingVillageCadre', STUDIO_KIND)).toEqual([])
    const after = await outreachOf('township', PATHS.v1)
    expect(after.area?.outreach.studioSessions).toBe(
      (before.area?.outreach.studioSessions ?? 0) + 1,
    )
    const stranger = await pushOne(
      server.app,
      as('siblingVillageCadre'),
      mutation(
        STUDIO_KIND,
        studioId,
        'add_session',
        { heldOn: TODAY, topic: '冒充', attendance: 1 },
        2,
      ),
    )
    expect(stranger.status).toBe('rejected')
  })
})
