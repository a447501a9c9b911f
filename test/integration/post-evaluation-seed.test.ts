/**
 * The demo county's post-evaluations (issue #14 "Done means"): on a fresh
 * demo server the department has cases to conclude on its desk, the county
 * sees the open ones, and supervision counts cases opened and concluded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { computeDesk } from '#shared/desk/desk.ts'
import type { DeskInput } from '#shared/desk/desk.types.ts'
import {
  postEvaluationDataSchema,
  type PostEvaluationData,
} from '#shared/assessment/assessment.schema.ts'
import type { SupervisionView } from '#shared/supervision/figures.ts'
import { demoCounty } from '#server/org/demo-county.seed.ts'
import { seedDemoPostEvaluations } from '#server/assessment/post-evaluation.seed.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { PATHS, PHONES } from '../support/demo-county.ts'
import { Replica } from '../support/sync-client.ts'

describe.each(DIALECTS)('the demo post-evaluations on %s', (dialect) => {
  let server: TestServer
  const today = chinaDate(new Date().toISOString())

  beforeAll(async () => {
    server = await createTestServer(dialect)
    expect(await seedDemoPostEvaluations(server.database.db, demoCounty().units)).toBe(5)
  })
  afterAll(async () => {
    await server.close()
  })

  /** The post-evaluations a person's phone holds after a sync. */
  async function casesOn(phone: string): Promise<PostEvaluationData[]> {
    // From the pages: the replica keys by id, and a case shares its campaign's.
    const replica = await new Replica(server.app, await server.login(phone)).sync()
    return replica.pages.flatMap((page) =>
      page.changes.flatMap((change) =>
        change.op === 'put' && change.record.kind === 'post_evaluation'
          ? [postEvaluationDataSchema.parse(change.record.data)]
          : [],
      ),
    )
  }

  const deskOf = (cases: PostEvaluationData[], role: 'department_staff' | 'county_staff') => {
    const input: DeskInput = {
      issues: [],
      meetings: [],
      policies: [],
      campaigns: [],
      postEvaluations: cases,
      hasCaptureDraft: false,
      unsentCount: 0,
      refusedCount: 0,
    }
    const orgPath = role === 'county_staff' ? PATHS.county : PATHS.dept1
    const desk = computeDesk(input, { userId: 'u', role, orgPath, today })
    return Object.fromEntries(desk.counts.map((count) => [count.key, count.count]))
  }

  it("puts cases on the department's and the county's desks", async () => {
    const own = await casesOn(PHONES.department)
    expect(own.length).toBeGreaterThan(0)
    expect(own.every((data) => data.issuingDepartment === PATHS.dept1)).toBe(true)
    expect(deskOf(own, 'department_staff').postEvaluationsToConclude).toBe(2)
    const county = await casesOn(PHONES.county)
    expect(county.length).toBeGreaterThanOrEqual(5)
    expect(deskOf(county, 'county_staff').openPostEvaluations).toBe(3)
  })

  it('shows cases opened and concluded in the supervision figures', async () => {
    const cookie = await server.login(PHONES.county)
    const from = new Date(Date.parse(today) - 200 * 86_400_000).toISOString().slice(0, 10)
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/supervision?period=custom&from=${from}&to=${today}`,
      headers: { cookie },
    })
    expect(response.statusCode, response.body).toBe(200)
    const view = response.json<SupervisionView>()
    expect(view.total.postEvaluations).toEqual({ opened: 5, concluded: 2 })
  })
})
