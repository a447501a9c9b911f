/**
 * The supervision summary (issue #14, performance) on both dialects: after a
 * seeded run of random record writes and rewrites through `saveFact` (the
 * path every pushed record takes), the summary equals a recount from the
 * facts and every view read from it equals the same view counted from the
 * facts alone; the start-up build after the migration counts it again; a
 * burst of parallel pushes into one unit-month loses no increment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from 'uuidv7'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { sampleCapture } from '#shared/issue/issue.fixtures.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import { resolvePeriod, type Period } from '#shared/supervision/period.ts'
import { saveFact } from '#server/supervision/facts.ts'
import { findOrgUnit } from '#server/org/org.repository.ts'
import {
  formData,
  issueData,
  meetingData,
  type IssueStep,
} from '#server/supervision/record-builders.ts'
import { ensureSummary, rebuildSummary } from '#server/supervision/summary.ts'
import { buildView } from '#server/supervision/supervision.view.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { PATHS, PHONES } from '../support/demo-county.ts'
import { pushApplied } from '../support/sync-client.ts'

const t2v1 = `${PATHS.county}demo-t2/demo-t2-v1/`
const GRIDS = [PATHS.g1, PATHS.g2, PATHS.v2g1, PATHS.t2g1]
const PLACES = [PATHS.v1, PATHS.v2, t2v1, PATHS.t1, PATHS.g1]
const VILLAGES = [PATHS.v1, PATHS.v2, t2v1]
const DEPARTMENTS = [PATHS.dept1, PATHS.dept2]
const TODAY = '2026-10-20'

const mutation = (recordId: string, op: string, payload: Record<string, unknown>): Mutation => ({
  id: uuidv7(),
  kind: 'issue',
  recordId,
  op,
  payload,
  baseVersion: 0,
  seq: 0,
  deviceId: 'supervision-summary-test',
  createdAt: new Date().toISOString(),
})

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T,
  }
}

const day = (offset: number) =>
  new Date(Date.UTC(2026, 5, 20) + offset * 86_400_000).toISOString().slice(0, 10)

/** An issue's life so far, `length` steps of one of three courses, from day `start`. */
function issueSteps(course: number, start: number, length: number, department: string) {
  const on = (d: number) => day(start + d)
  const courses: IssueStep[][] = [
    [
      { action: 'register', to: 'registered', on: on(0) },
      { action: 'accept', to: 'accepted', on: on(1), unitPath: PATHS.v1 },
      { action: 'resolve_locally', to: 'awaiting_feedback', on: on(3), unitPath: PATHS.v1 },
      { action: 'feedback', to: 'closed', on: on(5), satisfaction: 'satisfied' },
    ],
    [
      { action: 'register', to: 'registered', on: on(0) },
      { action: 'accept', to: 'accepted', on: on(6), unitPath: PATHS.v1 },
      { action: 'escalate', to: 'escalated', on: on(9), unitPath: PATHS.v1 },
      { action: 'dispatch', to: 'dispatched', on: on(10), unitPath: PATHS.t1 },
      { action: 'reply', to: 'awaiting_feedback', on: on(40), unitPath: department },
      { action: 'feedback', to: 'closed', on: on(41), satisfaction: 'basically_satisfied' },
    ],
    [
      { action: 'register', to: 'registered', on: on(0) },
      { action: 'accept', to: 'accepted', on: on(0), unitPath: PATHS.v1 },
      { action: 'resolve_locally', to: 'awaiting_feedback', on: on(1), unitPath: PATHS.v1 },
      { action: 'feedback', to: 'accepted', on: on(2), satisfaction: 'dissatisfied' },
    ],
  ]
  const steps = courses[course] ?? []
  return steps.slice(0, Math.max(1, Math.min(length, steps.length)))
}

/** Writes `count` random records and rewrites some of them (an issue moving on, a form withdrawn). */
async function randomWrites(server: TestServer, seed: number, count: number): Promise<void> {
  const db = server.database.db
  const rnd = random(seed)
  for (let i = 0; i < count; i += 1) {
    const id = `rnd-${seed}-${rnd.int(count / 2)}`
    const which = rnd.int(3)
    if (which === 0) {
      const department = rnd.pick(DEPARTMENTS)
      await saveFact(
        db,
        'issue',
        `issue:${id}`,
        issueData({
          id,
          gridPath: rnd.pick(GRIDS),
          category: rnd.pick(['personal', 'public_interest', 'administrative'] as const),
          channel: rnd.pick(['grid_visit', 'station', 'online', 'phone_call', 'walk_in'] as const),
          title: '随机',
          department,
          steps: issueSteps(rnd.int(3), rnd.int(120), 1 + rnd.int(6), department),
        }),
      )
    } else if (which === 1) {
      await saveFact(
        db,
        'meeting',
        `meeting:${id}`,
        meetingData({
          id,
          orgPath: rnd.pick(PLACES),
          date: day(rnd.int(120)),
          status: rnd.pick(['planned', 'held', 'signed_off', 'cancelled'] as const),
          outcomes: [rnd.pick(['agreed', 'resolved', 'escalated', 'deferred', null] as const)],
          mediators: rnd.int(3),
        }),
      )
    } else {
      await saveFact(
        db,
        'assessment_form',
        `assessment_form:${id}`,
        formData({
          id,
          villagePath: rnd.pick(VILLAGES),
          department: rnd.pick(DEPARTMENTS),
          on: day(rnd.int(120)),
          satisfaction: 1 + rnd.int(5),
          withdrawn: rnd.int(4) === 0,
        }),
      )
    }
  }
}

describe.each(DIALECTS)('the supervision summary on %s', (dialect) => {
  let server: TestServer

  beforeAll(async () => {
    server = await createTestServer(dialect)
  })
  afterAll(async () => {
    await server.close()
  })

  async function summaryRows() {
    const rows = await server.database.db
      .selectFrom('supervision_count')
      .selectAll()
      .where('n', '<>', 0)
      .execute()
    return rows
      .map((row) => ({ ...row, n: Number(row.n) }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  }

  async function unit(id: string): Promise<OrgUnit> {
    const found = await findOrgUnit(server.database.db, id)
    if (!found) throw new Error(`no unit ${id}`)
    return found
  }

  it('equals a recount from the facts after random writes, and so do the views', async () => {
    await randomWrites(server, 7, 160)
    const maintained = await summaryRows()
    expect(maintained.length).toBeGreaterThan(50)
    await rebuildSummary(server.database.db, dialect)
    expect(await summaryRows()).toEqual(maintained)

    const periods = [
      resolvePeriod({ period: 'quarter', at: '2026-Q3' }),
      resolvePeriod({ period: 'year', at: '2026' }),
      resolvePeriod({ period: 'custom', from: '2026-07-15', to: '2026-09-10' }),
      resolvePeriod({ period: 'custom', from: '2026-08-03', to: '2026-08-20' }),
    ] as Period[]
    const units = ['demo-county', 'demo-t1', 'demo-t1-v1', 'demo-t1-v1-g1', 'demo-dept-1']
    let received = 0
    for (const id of units) {
      for (const period of periods) {
        const target = await unit(id)
        const db = server.database.db
        const fromSummary = await buildView(db, target, '/demo-county/', period, TODAY)
        const fromFacts = await buildView(db, target, '/demo-county/', period, TODAY, 'facts')
        expect(fromSummary, `${id} ${period.label}`).toEqual(fromFacts)
        received += fromSummary.total.issues.received
      }
    }
    // The views counted something: the comparison is not of empty figures.
    expect(received).toBeGreaterThan(100)
  })

  it('is counted again at start-up after its migration', async () => {
    const before = await summaryRows()
    const db = server.database.db
    // What the migration leaves beside the facts stored before it: no counts.
    await db.deleteFrom('supervision_count').execute()
    expect(await ensureSummary(db, dialect)).toBe(true)
    expect(await summaryRows()).toEqual(before)
    expect(await ensureSummary(db, dialect)).toBe(false)
  })

  it('loses no increment under a burst of parallel pushes into one unit-month', async () => {
    const db = server.database.db
    const today = chinaDate(new Date().toISOString())
    const period = resolvePeriod({ period: 'month', at: today.slice(0, 7) }) as Period
    const township = await unit('demo-t1')
    const received = async () =>
      (await buildView(db, township, '/demo-county/', period, today)).areas.find(
        (row) => row.unit.id === 'demo-t1-v1',
      )?.issues.received ?? 0
    const before = await received()
    const [grid, cadre] = [
      await server.login(PHONES.gridWorker),
      await server.login(PHONES.villageCadre),
    ]
    const ids = Array.from({ length: 12 }, () => uuidv7())
    // Each push is its own transaction; all of them add to the same summary rows.
    await Promise.all(
      ids.map((id) =>
        pushApplied(
          server.app,
          grid,
          mutation(id, 'create', {
            ...sampleCapture(),
            photos: [],
            gridId: 'demo-t1-v1-g1',
            orgPath: PATHS.g1,
          }),
        ),
      ),
    )
    // …and moving them on in parallel takes from some rows and adds to others.
    await Promise.all(
      ids.map((id) =>
        pushApplied(server.app, cadre, mutation(id, 'transition', { action: 'accept' })),
      ),
    )
    expect(await received()).toBe(before + ids.length)
    const maintained = await summaryRows()
    await rebuildSummary(db, dialect)
    expect(await summaryRows()).toEqual(maintained)
    const fromFacts = await buildView(db, township, '/demo-county/', period, today, 'facts')
    expect(await buildView(db, township, '/demo-county/', period, today)).toEqual(fromFacts)
  })
})
