/**
 * Issue #16 on the real server, on SQLite and PostgreSQL: who sees a
 * livelihood item, one public-interest report backing one item only (also
 * under a burst of parallel pushes), and the county returning an item with a
 * reason that everyone on the item's side sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { seedDemoLivelihood } from '#server/livelihood/livelihood.seed.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, push, pushApplied, pushOne, Replica } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = [
  'gridWorker',
  'otherVillageGridWorker',
  'villageCadre',
  'siblingVillageCadre',
  'otherTownshipVillageCadre',
  'township',
  'otherTownship',
  'county',
  'department',
  'otherDepartment',
] as const satisfies readonly Person[]
type Who = (typeof PEOPLE)[number]

const YEAR = Number(chinaDate(new Date().toISOString()).slice(0, 4))
const KIND = 'livelihood_item'

describe.each(DIALECTS)('the yearly livelihood list on %s', (dialect) => {
  let server: TestServer
  let as: (who: Who) => string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  /** A report logged by the grid worker of demo-t1-v1-g1; its id. */
  async function report(category = 'public_interest', title = '村东土路雨天泥泞'): Promise<string> {
    const id = newRecordId()
    await pushApplied(
      server.app,
      as('gridWorker'),
      mutation('issue', id, 'create', sampleCreatePayload({ photos: [], category, title })),
    )
    return id
  }

  const proposal = (sourceIssueIds: string[], name = '柳河村通组道路硬化') => ({
    name,
    description: '村东三个组的土路雨天泥泞，拟硬化1.2公里。',
    place: '柳河村东片',
    year: YEAR,
    sourceIssueIds,
  })

  const plan = (responsibleUnit: string = PATHS.dept1) => ({
    responsibleUnit,
    estimatedCost: 36.5,
    fundingSource: '县级财政衔接资金',
    plannedStart: `${YEAR}-12-01`,
    plannedCompletion: `${YEAR + 1}-05-31`,
    milestones: [{ name: '完成设计', plannedOn: `${YEAR}-12-20` }],
  })

  /** An item the village cadre proposed from `sources`, planned and submitted by the township. */
  async function submittedItem(sources: string[], name?: string): Promise<string> {
    const id = newRecordId()
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(KIND, id, 'create', proposal(sources, name)),
    )
    await pushApplied(server.app, as('township'), mutation(KIND, id, 'plan', plan(), 1))
    await pushApplied(server.app, as('township'), mutation(KIND, id, 'submit', {}, 2))
    return id
  }

  const itemIds = async (who: Who) =>
    [...(await new Replica(server.app, as(who)).sync()).records.values()]
      .filter((record) => record.kind === KIND)
      .map((record) => record.id)

  it('shows an item to its township’s villages and grids, the county and its department only', async () => {
    const id = await submittedItem([await report()])
    for (const who of [
      'villageCadre',
      'siblingVillageCadre',
      'otherVillageGridWorker',
      'township',
      'county',
      'department',
    ] as const) {
      expect(await itemIds(who), who).toContain(id)
    }
    for (const who of ['otherTownship', 'otherTownshipVillageCadre', 'otherDepartment'] as const) {
      expect(await itemIds(who), who).not.toContain(id)
    }
  })

  it('refuses a second item on a report, a personal report and a report of another village, in Chinese', async () => {
    const source = await report()
    await submittedItem([source])
    const again = await pushOne(
      server.app,
      as('township'),
      mutation(KIND, newRecordId(), 'create', proposal([source], '另一项')),
    )
    expect(again).toMatchObject({
      status: 'rejected',
      code: 'source_issue_taken',
      message: '所选诉求或意见已列入其他民生实事，一件诉求或意见只能列入一项民生实事',
    })
    const personal = await pushOne(
      server.app,
      as('villageCadre'),
      mutation(KIND, newRecordId(), 'create', proposal([await report('personal')])),
    )
    expect(personal).toMatchObject({
      status: 'rejected',
      message: '只有公益事项诉求可以列入民生实事',
    })
    const foreign = await pushOne(
      server.app,
      as('siblingVillageCadre'),
      mutation(KIND, newRecordId(), 'create', proposal([await report()])),
    )
    expect(foreign).toMatchObject({ status: 'rejected', code: 'unknown_source_issue' })
  })

  it('lets exactly one of eight parallel proposals of one report through', async () => {
    const source = await report()
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        pushOne(
          server.app,
          as(index % 2 === 0 ? 'villageCadre' : 'township'),
          mutation(KIND, newRecordId(), 'create', proposal([source], `道路${index}`)),
        ),
      ),
    )
    expect(results.filter((result) => result.status === 'applied')).toHaveLength(1)
    expect(
      results.filter((result) => 'code' in result && result.code === 'source_issue_taken'),
    ).toHaveLength(7)
  })

  it('frees the reports of a cancelled item for a new proposal', async () => {
    const source = await report()
    const id = newRecordId()
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(KIND, id, 'create', proposal([source])),
    )
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(KIND, id, 'cancel', { reason: '村里自筹解决' }, 1),
    )
    await pushApplied(
      server.app,
      as('township'),
      mutation(KIND, newRecordId(), 'create', proposal([source])),
    )
  })

  it('returns an item with a reason that the township and the village see; refuses a return without one', async () => {
    const id = await submittedItem([await report()])
    const bare = await pushOne(
      server.app,
      as('county'),
      mutation(KIND, id, 'return', { reason: ' ' }, 3),
    )
    expect(bare).toMatchObject({ status: 'rejected', message: '请填写退回理由' })
    const byTownship = await pushOne(
      server.app,
      as('township'),
      mutation(KIND, id, 'return', { reason: '自己退' }, 3),
    )
    expect(byTownship).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
    await pushApplied(
      server.app,
      as('county'),
      mutation(KIND, id, 'return', { reason: '已列入县交通局计划' }, 3),
    )
    const seen = (await new Replica(server.app, as('villageCadre')).sync()).records.get(id)
    expect(seen?.data).toMatchObject({ status: 'returned', returnReason: '已列入县交通局计划' })
  })

  it('lets only the responsible department record progress, and merges across townships', async () => {
    const id = await submittedItem([await report()])
    await pushApplied(server.app, as('county'), mutation(KIND, id, 'accept', {}, 3))
    const progress = {
      date: chinaDate(new Date().toISOString()),
      percent: 40,
      note: '路基完成四成',
      photos: [],
    }
    const other = await pushOne(
      server.app,
      as('otherDepartment'),
      mutation(KIND, id, 'progress', progress, 4),
    )
    expect(other).toMatchObject({ status: 'rejected', code: 'out_of_scope' })
    await pushApplied(server.app, as('department'), mutation(KIND, id, 'progress', progress, 4))

    const joining = await submittedItem([await report()], '村东道路')
    const joiningSources = (await new Replica(server.app, as('county')).sync()).records.get(joining)
      ?.data.sourceIssueIds
    const results = await push(server.app, as('county'), [
      mutation(KIND, joining, 'merge', { intoItemId: id, reason: '同一条路' }, 3),
      mutation(
        KIND,
        id,
        'absorb',
        {
          fromItemId: joining,
          name: '村东道路',
          township: PATHS.t1,
          sourceIssueIds: joiningSources,
        },
        5,
      ),
    ])
    expect(results.map((result) => ('message' in result ? result.message : result.status))).toEqual(
      ['applied', 'applied'],
    )
    const forged = await pushOne(
      server.app,
      as('county'),
      mutation(
        KIND,
        id,
        'absorb',
        {
          fromItemId: await submittedItem([await report()]),
          name: 'x',
          township: PATHS.t1,
          sourceIssueIds: ['not-its-report'],
        },
        6,
      ),
    )
    expect(forged).toMatchObject({ status: 'rejected', code: 'merge_mismatch' })
  })

  it('seeds a demo list once, through the ordinary write path', async () => {
    expect(await seedDemoLivelihood(server.database, defaultKinds)).toBe(true)
    expect(await seedDemoLivelihood(server.database, defaultKinds)).toBe(true)
    const rows = await server.database.db
      .selectFrom('sync_record')
      .select(['data', 'version'])
      .where('id', 'like', '0195b1c0-0000-7000-8000-0000000e%')
      .where('kind', '=', KIND)
      .execute()
    expect(rows.map((row) => (JSON.parse(row.data) as { status: string }).status).sort()).toEqual([
      'candidate',
      'in_progress',
    ])
  })

  it('counts late livelihood items in supervision, by township, village and department', async () => {
    const today = chinaDate(new Date().toISOString())
    type Figures = { items: number; late: number; completed: number }
    type View = {
      total: { livelihood: Figures }
      areas: { unit: { path: string }; livelihood: Figures }[]
      departments: { unit: { path: string }; livelihood: Figures }[]
    }
    const view = async (who: Who) => {
      const answer = await server.app.inject({
        url: `/api/supervision?period=custom&from=${YEAR}-01-01&to=${today}`,
        headers: { cookie: as(who) },
      })
      expect(answer.statusCode).toBe(200)
      return answer.json<View>()
    }
    const late = (rows: View['areas'], path: string) =>
      rows.find((row) => row.unit.path === path)?.livelihood.late ?? 0
    const [countyBefore, townshipBefore] = [await view('county'), await view('township')]
    // Accepted, planned to start long ago, no progress reported: late for its department.
    const id = newRecordId()
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(KIND, id, 'create', proposal([await report()], '柳河村文化广场')),
    )
    const longAgo = { ...plan(), plannedStart: `${YEAR - 1}-06-01` }
    await pushApplied(server.app, as('township'), mutation(KIND, id, 'plan', longAgo, 1))
    await pushApplied(server.app, as('township'), mutation(KIND, id, 'submit', {}, 2))
    await pushApplied(server.app, as('county'), mutation(KIND, id, 'accept', {}, 3))
    const [county, township] = [await view('county'), await view('township')]
    expect(county.total.livelihood.late).toBe(countyBefore.total.livelihood.late + 1)
    expect(late(county.areas, PATHS.t1)).toBe(late(countyBefore.areas, PATHS.t1) + 1)
    expect(late(county.departments, PATHS.dept1)).toBe(
      late(countyBefore.departments, PATHS.dept1) + 1,
    )
    expect(late(township.areas, PATHS.v1)).toBe(late(townshipBefore.areas, PATHS.v1) + 1)
  })

  it('never counts late in supervision a report an on-schedule item holds at the village', async () => {
    const today = chinaDate(new Date().toISOString())
    type View = { total: { issues: { overdue: { accept: { overdue: number } } } } }
    const lateAtAccept = async () => {
      const answer = await server.app.inject({
        url: `/api/supervision?period=custom&from=${YEAR}-01-01&to=${today}`,
        headers: { cookie: as('county') },
      })
      expect(answer.statusCode, answer.body).toBe(200)
      return answer.json<View>().total.issues.overdue.accept.overdue
    }
    const before = await lateAtAccept()
    const [held, free] = [await report(), await report()]
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(KIND, newRecordId(), 'create', proposal([held], '柳河村路灯')),
    )
    // Both reports' accept clocks ran out long ago (time passing, as the
    // facts are computed when a report changes).
    await server.database.db
      .updateTable('supervision_fact')
      .set({ open_stage: 'accept', open_due: `${YEAR - 1}-01-05` })
      .where('record_key', 'in', [`issue:${held}`, `issue:${free}`])
      .execute()
    expect(await lateAtAccept()).toBe(before + 1)
  })
})
