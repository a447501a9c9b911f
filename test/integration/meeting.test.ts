/**
 * Discussion days and the mediator pool on the real server, on SQLite and
 * PostgreSQL: who sees the pool and the days, the lock after sign-off with
 * amendments, and the transitions a day's outcomes cause on linked reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { sampleTopic } from '#shared/meeting/meeting.fixtures.ts'
import type { SyncRecord } from '#shared/sync/sync.protocol.ts'
import { seedDemoMediatorPool } from '#server/meeting/mediator-pool.seed.ts'
import { PATHS, userIdOf, type Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, push, pushApplied, pushOne, Replica } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = [
  'gridWorker',
  'villageCadre',
  'siblingVillageCadre',
  'villageMediator',
  'siblingVillageMediator',
  'township',
  'otherTownship',
  'county',
] as const satisfies readonly Person[]
type Who = (typeof PEOPLE)[number]

describe.each(DIALECTS)('discussion days and the mediator pool on %s', (dialect) => {
  let server: TestServer
  let as: (who: Who) => string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    expect(await seedDemoMediatorPool(server.database.db)).toEqual({ mediatorsAdded: 12 })
    expect(await seedDemoMediatorPool(server.database.db)).toEqual({ mediatorsAdded: 0 })
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  async function recordsOf(who: Who, kind: string): Promise<SyncRecord[]> {
    const replica = await new Replica(server.app, as(who)).sync()
    return [...replica.records.values()].filter((record) => record.kind === kind)
  }

  /** A report of the demo grid, accepted by the village cadre; its id. */
  async function acceptedIssue(title: string, tags = ['infrastructure']): Promise<string> {
    const id = newRecordId()
    await pushApplied(
      server.app,
      as('gridWorker'),
      mutation('issue', id, 'create', sampleCreatePayload({ title, tags })),
    )
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation('issue', id, 'transition', { action: 'accept' }, 1),
    )
    return id
  }

  /** An accepted, discussable topic of the demo grid g1. */
  const topic = (issueId: string, title: string) => sampleTopic({ issueId, title })

  /** A day of the demo village with two topics, planned and scheduled by the cadre. */
  async function plannedDay(): Promise<{ meetingId: string; issues: [string, string] }> {
    const issues: [string, string] = [
      await acceptedIssue('村口路灯不亮'),
      await acceptedIssue('排水沟堵塞'),
    ]
    const meetingId = newRecordId()
    const plan = {
      date: '2026-11-05',
      place: '柳河村说事站',
      form: 'fireside_talk',
      topics: [topic(issues[0], '村口路灯不亮'), topic(issues[1], '排水沟堵塞')],
      policies: [{ title: '清河县农村路灯管护办法', documentNumber: '清府办发〔2026〕12号' }],
      mediators: [
        {
          mediatorId: 'seeded',
          name: '柳河村·解事员（演示）',
          level: 'village',
          userId: userIdOf('villageCadre').replace('110002', '110003'),
        },
      ],
      notices: [],
      orgPath: PATHS.v1,
    }
    const results = await push(server.app, as('villageCadre'), [
      mutation('meeting', meetingId, 'create', plan),
      ...issues.map((id) =>
        mutation(
          'issue',
          id,
          'transition',
          { action: 'schedule_meeting', meetingId, meetingDate: plan.date },
          2,
        ),
      ),
    ])
    expect(results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied'])
    return { meetingId, issues }
  }

  const minutes = (issues: readonly string[]) => ({
    signIn: { count: 31, representatives: ['李四', '王五'], sheetPhotos: [] },
    policies: [
      {
        title: '清河县农村路灯管护办法',
        interpretedBy: '县住建局·经办人',
        interpretation: '路灯由村集体管护',
      },
    ],
    topics: [
      {
        issueId: issues[0],
        views: '同意村集体出资',
        outcome: 'resolved',
        minutes: '村集体出资修复路灯',
      },
      {
        issueId: issues[1],
        views: '涉及村道改造',
        outcome: 'escalated',
        minutes: '需镇里协调村道改造',
      },
    ],
  })

  it('shows each unit the pool of its own level, the levels above and, for the county and townships, those below', async () => {
    const names = async (who: Who) =>
      (await recordsOf(who, 'mediator')).map((record) => String(record.data.name)).sort()
    const village = await names('villageCadre')
    expect(village).toHaveLength(8)
    expect(village).toContain('县解事员·钱老（演示）')
    expect(village).toContain('吴法官（演示）')
    expect(village).not.toContain('杏花村·解事员（演示）')
    expect(village).not.toContain('青石乡·解事员（演示）')
    expect(await names('township')).toHaveLength(9)
    expect(await names('otherTownship')).toEqual(
      [
        '县解事员·钱老（演示）',
        '孙律师（演示）',
        '石桥村·解事员（演示）',
        '青石乡·解事员（演示）',
      ].sort(),
    )
    expect(await names('county')).toHaveLength(12)
  })

  it('refuses a village cadre changing a county pool member it can see', async () => {
    const [countyMember] = (await recordsOf('villageCadre', 'mediator')).filter(
      (record) => record.data.level === 'county',
    )
    if (!countyMember) throw new Error('no county member')
    const result = await pushOne(
      server.app,
      as('villageCadre'),
      mutation(
        'mediator',
        countyMember.id,
        'add_honour',
        { year: 2026, title: '优秀解事员' },
        countyMember.version,
      ),
    )
    expect(result).toMatchObject({ status: 'rejected', code: 'out_of_scope' })
  })

  it('turns the day’s outcomes into the reports’ own transitions and shows the day to the township, not to the sibling village', async () => {
    const { meetingId, issues } = await plannedDay()
    const results = await push(server.app, as('villageMediator'), [
      mutation('meeting', meetingId, 'record', minutes(issues), 1),
      mutation(
        'issue',
        issues[0],
        'transition',
        { action: 'resolve_locally', resolution: '议事会议定：村集体出资修复路灯', meetingId },
        3,
      ),
      mutation(
        'issue',
        issues[1],
        'transition',
        { action: 'escalate', reason: '议事日纪要：需镇里协调村道改造', meetingId },
        3,
      ),
    ])
    expect(results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied'])

    const township = await recordsOf('township', 'issue')
    const resolved = township.find((record) => record.id === issues[0])
    const escalated = township.find((record) => record.id === issues[1])
    expect(resolved?.data).toMatchObject({
      status: 'awaiting_feedback',
      meeting: { id: meetingId },
    })
    expect(escalated?.data).toMatchObject({ status: 'escalated', escalatedToTownship: PATHS.t1 })
    const lastEvent = (record: SyncRecord | undefined) => {
      const events = record?.data.events
      return Array.isArray(events) ? (events.at(-1) as Record<string, unknown>) : undefined
    }
    expect(lastEvent(resolved)).toMatchObject({ action: 'resolve_locally', details: { meetingId } })
    expect(lastEvent(escalated)).toMatchObject({ action: 'escalate', details: { meetingId } })

    const day = (await recordsOf('township', 'meeting')).find((record) => record.id === meetingId)
    expect(day?.data).toMatchObject({ status: 'held', signIn: { count: 31 } })
    expect((await recordsOf('county', 'meeting')).map((record) => record.id)).toContain(meetingId)
    expect(
      (await recordsOf('siblingVillageCadre', 'meeting')).map((record) => record.id),
    ).not.toContain(meetingId)
    expect((await recordsOf('otherTownship', 'meeting')).map((record) => record.id)).not.toContain(
      meetingId,
    )
  })

  it('refuses minutes from outside the day: the sibling village’s cadre and its mediator', async () => {
    const { meetingId, issues } = await plannedDay()
    for (const who of ['siblingVillageCadre', 'siblingVillageMediator'] as const) {
      const result = await pushOne(
        server.app,
        as(who),
        mutation('meeting', meetingId, 'record', minutes(issues), 1),
      )
      expect(result).toMatchObject({ status: 'rejected', code: 'out_of_scope' })
    }
  })

  it('refuses a mediator resolving a report that is not on a discussion day', async () => {
    const id = await acceptedIssue('路面破损')
    const result = await pushOne(
      server.app,
      as('villageMediator'),
      mutation('issue', id, 'transition', { action: 'resolve_locally', resolution: '已化解' }, 2),
    )
    expect(result).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
  })

  it('takes a private matter only to a point-to-point session, one matter at a time', async () => {
    const id = newRecordId()
    await pushApplied(
      server.app,
      as('gridWorker'),
      mutation(
        'issue',
        id,
        'create',
        sampleCreatePayload({ title: '家庭财产纠纷', isPrivate: true }),
      ),
    )
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation('issue', id, 'transition', { action: 'accept' }, 1),
    )
    const privateTopic = { ...topic(id, '家庭财产纠纷'), isPrivate: true }
    const base = {
      date: '2026-12-05',
      place: '村委会调解室',
      policies: [],
      mediators: [],
      notices: [],
      orgPath: PATHS.v1,
    }
    const collective = await pushOne(
      server.app,
      as('villageCadre'),
      mutation('meeting', newRecordId(), 'create', {
        ...base,
        form: 'collective',
        topics: [privateTopic],
      }),
    )
    expect(collective).toMatchObject({ status: 'rejected', code: 'not_discussable' })
    const meetingId = newRecordId()
    const results = await push(server.app, as('villageCadre'), [
      mutation('meeting', meetingId, 'create', {
        ...base,
        form: 'point_to_point',
        topics: [privateTopic],
      }),
      mutation(
        'issue',
        id,
        'transition',
        { action: 'schedule_meeting', meetingId, meetingDate: base.date },
        2,
      ),
      mutation(
        'issue',
        id,
        'transition',
        { action: 'schedule_meeting', meetingId, meetingDate: base.date, isPointToPoint: true },
        2,
      ),
    ])
    expect(results.map((result) => result.status)).toEqual(['applied', 'rejected', 'applied'])
    // The township sees the session and its outcome, not the private matter's content.
    const day = (await recordsOf('township', 'meeting')).find((record) => record.id === meetingId)
    expect(day?.data.topics).toMatchObject([{ title: '涉及个人隐私，点对点办理', isPrivate: true }])
  })

  it('keeps the minutes when a caused transition is refused, and tells the mediator why', async () => {
    const { meetingId, issues } = await plannedDay()
    // The cadre settles the first report before the mediator's phone comes online.
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(
        'issue',
        issues[0],
        'transition',
        { action: 'resolve_locally', resolution: '会前已修好' },
        3,
      ),
    )
    const results = await push(server.app, as('villageMediator'), [
      mutation('meeting', meetingId, 'record', minutes(issues), 1),
      mutation(
        'issue',
        issues[0],
        'transition',
        { action: 'resolve_locally', resolution: '议事会议定修复', meetingId },
        3,
      ),
    ])
    expect(results[0]?.status).toBe('applied')
    expect(results[1]).toMatchObject({ status: 'rejected', code: 'invalid_transition' })
    expect(results[1]?.status === 'rejected' && results[1].message).toMatch(/\p{Script=Han}/u)
  })

  it('locks the record at the cadre’s sign-off and takes corrections only as amendments', async () => {
    const { meetingId, issues } = await plannedDay()
    await pushApplied(
      server.app,
      as('villageMediator'),
      mutation('meeting', meetingId, 'record', minutes(issues), 1),
    )
    const early = await pushOne(
      server.app,
      as('villageMediator'),
      mutation('meeting', meetingId, 'sign_off', {}, 2),
    )
    expect(early).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
    const signed = await pushApplied(
      server.app,
      as('villageCadre'),
      mutation('meeting', meetingId, 'sign_off', {}, 2),
    )
    expect(signed.data).toMatchObject({
      status: 'signed_off',
      signedOff: { byId: userIdOf('villageCadre') },
    })

    const edit = await pushOne(
      server.app,
      as('villageMediator'),
      mutation(
        'meeting',
        meetingId,
        'record',
        { signIn: { count: 40, representatives: [], sheetPhotos: [] } },
        3,
      ),
    )
    expect(edit).toMatchObject({ status: 'rejected', code: 'locked' })
    expect(edit.status === 'rejected' && edit.message).toContain('补正')

    await pushApplied(
      server.app,
      as('villageMediator'),
      mutation('meeting', meetingId, 'amend', { text: '到会人数应为32人' }, 3),
    )
    const amended = await pushApplied(
      server.app,
      as('township'),
      mutation('meeting', meetingId, 'amend', { text: '镇里已核实' }, 4),
    )
    expect(amended.data).toMatchObject({
      status: 'signed_off',
      signIn: { count: 31 },
      amendments: [
        { id: '1', text: '到会人数应为32人' },
        { id: '2', text: '镇里已核实' },
      ],
    })
    const sibling = await pushOne(
      server.app,
      as('siblingVillageCadre'),
      mutation('meeting', meetingId, 'amend', { text: '更正' }, 5),
    )
    expect(sibling).toMatchObject({ status: 'rejected', code: 'out_of_scope' })
  })
})
