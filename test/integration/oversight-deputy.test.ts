/**
 * Issue #18.1 on the real server, on SQLite and PostgreSQL: the county links
 * a deputy (两代表一委员) to villages; the deputy records visits there and
 * turns opinions into issue reports they follow; a deputy's scope is their
 * own unit, so they never read the villages' other records or another
 * deputy's work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { DEPUTY_PLAN_KIND, DEPUTY_VISIT_KIND } from '#shared/deputy/deputy.schema.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, push, pushApplied, pushOne, Replica } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = [
  'county',
  'deputy',
  'otherDeputy',
  'villageCadre',
  'siblingVillageCadre',
  'gridWorker',
  'township',
] as const satisfies readonly Person[]
type Who = (typeof PEOPLE)[number]

const grids = (village: string, id: string) =>
  [1, 2].map((g) => ({ path: `${village}${id}-g${g}/`, name: `第${g}网格` }))
const PLAN = {
  deputyPath: PATHS.deputy,
  deputyName: '王建国',
  body: 'npc',
  villages: [
    { path: PATHS.v1, name: '柳河村', grids: grids(PATHS.v1, 'demo-t1-v1') },
    { path: PATHS.v2, name: '杏花村', grids: grids(PATHS.v2, 'demo-t1-v2') },
  ],
  visitsPerPeriod: 1,
  periodMonths: 3,
  startsOn: '2026-01-01',
}
const TODAY = chinaDate(new Date().toISOString())

describe.each(DIALECTS)('deputies’ visits on %s', (dialect) => {
  let server: TestServer
  let as: (who: Who) => string
  let planId: string
  let visitId: string

  const kindIds = async (who: Who, kind: string) =>
    [...(await new Replica(server.app, as(who)).sync()).records.values()]
      .filter((record) => record.kind === kind)
      .map((record) => record.id)

  const visitPayload = (overrides: Record<string, unknown> = {}) => ({
    planId,
    villagePath: PATHS.v1,
    villageName: '柳河村',
    visitedOn: TODAY,
    met: '村民代表五人',
    opinions: ['村口路灯坏了两个月', '希望多开一班公交'],
    ...overrides,
  })

  const raise = (issueId: string, opinionId: string, overrides: Record<string, unknown> = {}) =>
    mutation('issue', issueId, 'create', {
      ...sampleCreatePayload({
        channel: 'deputy',
        isAnonymous: false,
        resident: { name: '张三', phone: '13812341234' },
      }),
      deputy: { visitId, opinionId },
      ...overrides,
    })
  const link = (opinionId: string, issueId: string, baseVersion: number) =>
    mutation(DEPUTY_VISIT_KIND, visitId, 'link_issue', { opinionId, issueId }, baseVersion)

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
    planId = newRecordId()
    await pushApplied(server.app, as('county'), mutation(DEPUTY_PLAN_KIND, planId, 'create', PLAN))
    visitId = newRecordId()
    await pushApplied(
      server.app,
      as('deputy'),
      mutation(DEPUTY_VISIT_KIND, visitId, 'create', visitPayload()),
    )
  })
  afterAll(() => server.close())

  it('lets only the county make a plan, and shows it to the deputy and the linked villages', async () => {
    const refused = await pushOne(
      server.app,
      as('deputy'),
      mutation(DEPUTY_PLAN_KIND, newRecordId(), 'create', PLAN),
    )
    expect(refused).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
    expect(await kindIds('deputy', DEPUTY_PLAN_KIND)).toEqual([planId])
    expect(await kindIds('villageCadre', DEPUTY_PLAN_KIND)).toEqual([planId])
    expect(await kindIds('otherDeputy', DEPUTY_PLAN_KIND)).toEqual([])
    const notADeputy = await pushOne(
      server.app,
      as('county'),
      mutation(DEPUTY_PLAN_KIND, newRecordId(), 'create', { ...PLAN, deputyPath: PATHS.dept1 }),
    )
    expect(notADeputy).toMatchObject({ status: 'rejected', code: 'unknown_unit' })
  })

  it('keeps a visit to the deputy, the village and above; refuses villages outside the plan', async () => {
    expect(await kindIds('deputy', DEPUTY_VISIT_KIND)).toEqual([visitId])
    expect(await kindIds('villageCadre', DEPUTY_VISIT_KIND)).toEqual([visitId])
    expect(await kindIds('township', DEPUTY_VISIT_KIND)).toEqual([visitId])
    expect(await kindIds('siblingVillageCadre', DEPUTY_VISIT_KIND)).toEqual([])
    expect(await kindIds('otherDeputy', DEPUTY_VISIT_KIND)).toEqual([])

    const t2v1 = PATHS.t2g1.replace(/demo-t2-v1-g1\/$/, '')
    const outside = await pushOne(
      server.app,
      as('deputy'),
      mutation(
        DEPUTY_VISIT_KIND,
        newRecordId(),
        'create',
        visitPayload({ villagePath: t2v1, villageName: '石桥村' }),
      ),
    )
    expect(outside).toMatchObject({ status: 'rejected', code: 'not_linked' })
    const notTheirs = await pushOne(
      server.app,
      as('otherDeputy'),
      mutation(DEPUTY_VISIT_KIND, newRecordId(), 'create', visitPayload()),
    )
    expect(notTheirs).toMatchObject({ status: 'rejected', code: 'unknown_plan' })
  })

  it('turns an opinion into a report the deputy follows, with the resident’s data only for them', async () => {
    const gridIssue = newRecordId()
    await pushApplied(
      server.app,
      as('gridWorker'),
      mutation('issue', gridIssue, 'create', sampleCreatePayload()),
    )

    const issueId = newRecordId()
    const [created, linked] = await push(server.app, as('deputy'), [
      raise(issueId, '1'),
      link('1', issueId, 1),
    ])
    expect(created, JSON.stringify(created)).toMatchObject({ status: 'applied' })
    expect(linked?.status).toBe('applied')

    const deputy = await new Replica(server.app, as('deputy')).sync()
    const issues = [...deputy.records.values()].filter((record) => record.kind === 'issue')
    expect(issues.map((record) => record.id)).toEqual([issueId])
    expect(issues[0]?.data).toMatchObject({
      channel: 'deputy',
      resident: { name: '张三', phone: '13812341234' },
    })
    expect(await kindIds('gridWorker', 'issue')).toEqual(
      expect.arrayContaining([issueId, gridIssue]),
    )
    expect(await kindIds('otherDeputy', 'issue')).toEqual([])

    const county = await new Replica(server.app, as('county')).sync()
    expect(county.records.get(issueId)?.data).toMatchObject({ resident: { name: '张**' } })
  })

  it('refuses raising one opinion twice, in another village, or without a visit', async () => {
    const again = await pushOne(server.app, as('deputy'), raise(newRecordId(), '1'))
    expect(again).toMatchObject({ status: 'rejected', code: 'already_raised' })
    const elsewhere = await pushOne(
      server.app,
      as('deputy'),
      raise(newRecordId(), '2', { gridId: 'demo-t1-v2-g1', orgPath: PATHS.v2g1 }),
    )
    expect(elsewhere).toMatchObject({ status: 'rejected', code: 'not_linked' })
    const bare = await pushOne(
      server.app,
      as('deputy'),
      mutation('issue', newRecordId(), 'create', sampleCreatePayload({ channel: 'deputy' })),
    )
    expect(bare).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
    const stranger = await pushOne(server.app, as('otherDeputy'), raise(newRecordId(), '2'))
    expect(stranger).toMatchObject({ status: 'rejected', code: 'unknown_visit' })
  })

  it('raises an opinion once when two devices convert it at the same time', async () => {
    const [first, second] = [newRecordId(), newRecordId()]
    const results = await Promise.all([
      push(server.app, as('deputy'), [raise(first, '2'), link('2', first, 2)]),
      push(server.app, as('deputy'), [raise(second, '2'), link('2', second, 2)]),
    ])
    const applied = results.filter(([created]) => created?.status === 'applied')
    expect(applied).toHaveLength(1)
    const deputyIssues = await kindIds('deputy', 'issue')
    expect(deputyIssues.filter((id) => id === first || id === second)).toHaveLength(1)
  })

  it('counts villages whose visits are overdue in supervision, at their township', async () => {
    type Row = { unit: { path: string }; oversight: { overdueVisits: number } }
    const overdueAt = async (path: string) => {
      const answer = await server.app.inject({
        url: `/api/supervision?period=custom&from=${TODAY.slice(0, 4)}-01-01&to=${TODAY}`,
        headers: { cookie: as('county') },
      })
      expect(answer.statusCode).toBe(200)
      const view = answer.json<{ total: Row; areas: Row[] }>()
      const area = view.areas.find((row) => row.unit.path === path)
      return { total: view.total.oversight.overdueVisits, area: area?.oversight.overdueVisits }
    }
    const before = await overdueAt(PATHS.t1)
    // A plan owed since last year, never visited: its one village is overdue.
    const owed = { ...PLAN, villages: PLAN.villages.slice(1), startsOn: '2025-01-01' }
    await pushApplied(
      server.app,
      as('county'),
      mutation(DEPUTY_PLAN_KIND, newRecordId(), 'create', owed),
    )
    const after = await overdueAt(PATHS.t1)
    expect(after.total).toBe(before.total + 1)
    expect(after.area).toBe((before.area ?? 0) + 1)
  })

  it('refuses a non-deputy a report whose home is only the deputy’s addressed unit', async () => {
    // The village cadre sees the visit (its village is in the audience) but is no deputy.
    const id = newRecordId()
    const fresh = newRecordId()
    await pushApplied(
      server.app,
      as('deputy'),
      mutation(DEPUTY_VISIT_KIND, fresh, 'create', visitPayload({ opinions: ['修一段排水沟'] })),
    )
    const refused = await pushOne(
      server.app,
      as('villageCadre'),
      mutation('issue', id, 'create', {
        ...sampleCreatePayload({ channel: 'deputy' }),
        deputy: { visitId: fresh, opinionId: '1' },
      }),
    )
    expect(refused).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
    expect(await kindIds('villageCadre', 'issue')).not.toContain(id)
    expect(await kindIds('deputy', 'issue')).not.toContain(id)
  })
})
