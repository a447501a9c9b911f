/**
 * Supervision figures (督导考核, issue #14.2) on the real server and both
 * dialects: a fixture county's 2026-Q3 (test/support/supervision-fixture.ts)
 * counted by hand; scope (a township sees only its own villages, a
 * department only itself); bad periods refused in Chinese; the scoring
 * standards read by viewers and changed only by county staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SupervisionView } from '#shared/supervision/figures.ts'
import { DEFAULT_STANDARDS, type Standards } from '#shared/supervision/scoring.ts'
import { backfillFacts } from '#server/supervision/facts.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { PHONES, type Person } from '../support/demo-county.ts'
import { writeSupervisionFixture } from '../support/supervision-fixture.ts'

const PEOPLE = ['county', 'admin', 'township', 'otherTownship', 'department', 'gridWorker'] as const
const Q3 = 'period=quarter&at=2026-Q3'

describe.each(DIALECTS)('supervision figures on %s', (dialect) => {
  let server: TestServer
  const cookies = {} as Record<Person, string>

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await writeSupervisionFixture(server.database.db)
    for (const person of PEOPLE) cookies[person] = await server.login(PHONES[person])
  })
  afterAll(async () => {
    await server.close()
  })

  const get = (person: Person, query: string) =>
    server.app.inject({
      method: 'GET',
      url: `/api/supervision?${query}`,
      headers: { cookie: cookies[person] },
    })

  async function view(person: Person, query: string): Promise<SupervisionView> {
    const response = await get(person, query)
    expect(response.statusCode, response.body).toBe(200)
    return response.json<SupervisionView>()
  }

  it('counts the county’s quarter as counted by hand', async () => {
    const { total, areas, departments, latePolicies, period } = await view('county', Q3)
    expect(period).toMatchObject({ from: '2026-07-01', to: '2026-09-30' })
    expect(total.issues).toMatchObject({
      received: 4,
      byCategory: { personal: 2, public_interest: 1, administrative: 1 },
      byChannel: { grid_visit: 1, station: 1, online: 1, phone_call: 1, walk_in: 0 },
      resolvedLocally: 2,
      escalated: 1,
      dispatched: 1,
      closed: 2,
      reopened: 1,
      satisfaction: { satisfied: 1, basically_satisfied: 1, dissatisfied: 1 },
      overdue: {
        accept: { reached: 4, overdue: 2 },
        village: { reached: 3, overdue: 1 },
        township: { reached: 1, overdue: 0 },
        department: { reached: 1, overdue: 1 },
        feedback: { reached: 3, overdue: 0 },
      },
      // Answered in 1, 2 and 25 working days.
      medianHandlingDays: 2,
    })
    expect(total.meetings).toEqual({
      held: 3,
      cancelled: 1,
      villageMonthsHeld: 2,
      villageMonthsExpected: 18,
      topics: 4,
      outcomes: { agreed: 1, resolved: 1, escalated: 1, deferred: 1 },
      mediators: 3,
    })
    expect(total.forms).toEqual({ collected: 2, satisfied: 1 })
    expect(total.policies).toEqual({ issued: 3, onTime: 1, late: 1, overdue: 1, pending: 0 })
    expect(total.postEvaluations).toEqual({ opened: 2, concluded: 1 })
    expect(areas.map((row) => [row.unit.id, row.issues.received])).toEqual([
      ['demo-t1', 3],
      ['demo-t2', 1],
      ['demo-t3', 0],
    ])
    const dept1 = departments.find((row) => row.unit.id === 'demo-dept-1')
    expect(dept1?.issues).toMatchObject({ received: 1, dispatched: 1 })
    expect(dept1?.issues.overdue.department).toEqual({ reached: 1, overdue: 1 })
    expect(dept1?.policies).toEqual({ issued: 2, onTime: 1, late: 0, overdue: 1, pending: 0 })
    expect(latePolicies.map((policy) => [policy.title, policy.status])).toEqual([
      ['逾期未解读的政策', 'overdue'],
      ['解读迟了的政策', 'late'],
    ])
  })

  it('drills from the county to a township and a village, and back up the trail', async () => {
    const township = await view('county', `${Q3}&unitId=demo-t1`)
    expect(township.trail.map((unit) => unit.id)).toEqual(['demo-county', 'demo-t1'])
    const [v1, v2] = township.areas
    expect(v1?.unit.id).toBe('demo-t1-v1')
    expect(v1?.issues.received).toBe(2)
    expect(v1?.meetings).toMatchObject({ held: 3, villageMonthsHeld: 2, villageMonthsExpected: 3 })
    expect(v1?.forms).toEqual({ collected: 2, satisfied: 1 })
    expect(v2?.issues.received).toBe(1)
    expect(v2?.meetings).toMatchObject({ held: 0, cancelled: 1, villageMonthsExpected: 3 })
    const village = await view('county', `${Q3}&unitId=demo-t1-v1`)
    expect(village.areas.map((row) => [row.unit.id, row.issues.received])).toEqual([
      ['demo-t1-v1-g1', 1],
      ['demo-t1-v1-g2', 1],
    ])
    // Days held by the village itself count in its total, not in a grid's row.
    expect(village.total.meetings.held).toBe(3)
    expect(village.areas.every((row) => row.meetings.held === 0)).toBe(true)
  })

  it('gives a township only its own subtree', async () => {
    const own = await view('township', Q3)
    expect(own.trail.map((unit) => unit.id)).toEqual(['demo-t1'])
    expect(own.total.issues.received).toBe(3)
    expect(own.departments).toEqual([])
    for (const unitId of ['demo-t2', 'demo-county', 'demo-t2-v1', 'demo-dept-1', 'no-such-unit']) {
      const response = await get('township', `${Q3}&unitId=${unitId}`)
      expect(response.statusCode, unitId).toBe(403)
      expect(response.json()).toMatchObject({ code: 'out_of_scope' })
    }
    const other = await view('otherTownship', Q3)
    expect(other.total.issues.received).toBe(1)
  })

  it('gives a department only itself, with the matters dispatched to it', async () => {
    const own = await view('department', Q3)
    expect(own.areas).toEqual([])
    expect(own.departments.map((row) => row.unit.id)).toEqual(['demo-dept-1'])
    expect(own.total.issues).toMatchObject({ received: 1, dispatched: 1 })
    expect(own.total.policies).toMatchObject({ issued: 2, overdue: 1 })
    expect(own.total.postEvaluations).toEqual({ opened: 1, concluded: 1 })
    expect(own.latePolicies.map((policy) => policy.title)).toEqual(['逾期未解读的政策'])
    for (const unitId of ['demo-dept-2', 'demo-county', 'demo-t1']) {
      expect((await get('department', `${Q3}&unitId=${unitId}`)).statusCode, unitId).toBe(403)
    }
  })

  it('refuses a role without supervision', async () => {
    const response = await get('gridWorker', Q3)
    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ code: 'forbidden' })
  })

  it.each([
    ['period=quarter&at=2026-Q5', '季度格式应为“2026-Q4”'],
    ['period=month&at=2026-13', '月份格式应为“2026-11”'],
    ['period=week&at=2026-W01', '统计期间应为月、季度、年或自定义'],
    ['period=custom&from=2026-09-01&to=2026-08-01', '开始日期不能晚于结束日期'],
    ['period=custom&from=2020-01-01&to=2026-01-01', '自定义期间不能超过三年'],
  ])('refuses %s with a reason in Chinese', async (query, message) => {
    const response = await get('county', query)
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ code: 'invalid_period', message })
  })

  it('counts a custom range and a month alike', async () => {
    const july = await view('county', 'period=month&at=2026-07')
    const range = await view('county', 'period=custom&from=2026-07-01&to=2026-07-31')
    expect(july.total.issues.received).toBe(2)
    expect(range.total).toEqual(july.total)
    expect(july.total.meetings.villageMonthsExpected).toBe(6)
  })

  it('backfills the facts of records stored before the projection', async () => {
    // Stored before the projection: neither facts nor their summary counts.
    await server.database.db.deleteFrom('supervision_fact').execute()
    await server.database.db.deleteFrom('supervision_count').execute()
    expect(await backfillFacts(server.database.db)).toBe(17)
    expect((await view('county', Q3)).total.issues.received).toBe(4)
  })

  it('finishes a backfill past a record the projection cannot read', async () => {
    const db = server.database.db
    const unreadable = await db
      .selectFrom('sync_record')
      .select(['key', 'data'])
      .where('kind', '=', 'policy')
      .executeTakeFirstOrThrow()
    await db
      .updateTable('sync_record')
      .set({ data: 'null' })
      .where('key', '=', unreadable.key)
      .execute()
    try {
      await db.deleteFrom('supervision_fact').execute()
      await db.deleteFrom('supervision_count').execute()
      expect(await backfillFacts(db)).toBe(16)
      expect(await backfillFacts(db)).toBe(0)
    } finally {
      await db
        .updateTable('sync_record')
        .set({ data: unreadable.data })
        .where('key', '=', unreadable.key)
        .execute()
      await db.deleteFrom('supervision_fact').execute()
      await db.deleteFrom('supervision_count').execute()
      await backfillFacts(db)
    }
  })

  describe('the scoring standards', () => {
    const put = (person: Person, body: unknown) =>
      server.app.inject({
        method: 'PUT',
        url: '/api/supervision/standards',
        headers: { cookie: cookies[person] },
        payload: body as Record<string, unknown>,
      })

    it('start at the defaults and are read by every viewer', async () => {
      for (const person of ['county', 'township', 'department'] as const) {
        const response = await server.app.inject({
          method: 'GET',
          url: '/api/supervision/standards',
          headers: { cookie: cookies[person] },
        })
        expect(response.json()).toEqual(DEFAULT_STANDARDS)
      }
    })

    it('are changed by county staff only, and refused when invalid', async () => {
      const changed: Standards = {
        ...DEFAULT_STANDARDS,
        weights: { ...DEFAULT_STANDARDS.weights, satisfaction: 60 },
      }
      expect((await put('township', changed)).statusCode).toBe(403)
      expect((await put('admin', changed)).statusCode).toBe(403)
      const bad = await put('county', { ...changed, notifyBelow: 95 })
      expect(bad.statusCode).toBe(400)
      expect(bad.body).toContain('通报分数线应低于表彰分数线')
      const ok = await put('county', changed)
      expect(ok.statusCode, ok.body).toBe(200)
      expect(ok.json()).toEqual(changed)
      const after = await server.app.inject({
        method: 'GET',
        url: '/api/supervision/standards',
        headers: { cookie: cookies.township },
      })
      expect(after.json<Standards>().weights.satisfaction).toBe(60)
    })
  })
})
