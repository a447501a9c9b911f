/**
 * The demo county's seeded history (issue #14 "Done means"): on a fresh demo
 * server the supervision screens have figures for every township, and the
 * townships' characters show in the ranking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import type { SupervisionView } from '#shared/supervision/figures.ts'
import { DEFAULT_STANDARDS, honourLists, rankUnits } from '#shared/supervision/scoring.ts'
import { demoCounty } from '#server/org/demo-county.seed.ts'
import { seedDemoHistory } from '#server/supervision/history.seed.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { PHONES } from '../support/demo-county.ts'

describe.each(DIALECTS)('the demo history on %s', (dialect) => {
  let server: TestServer
  let cookie: string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await seedDemoHistory(server.database.db, demoCounty().units)
    cookie = await server.login(PHONES.county)
  })
  afterAll(async () => {
    await server.close()
  })

  it('gives every township figures for the last six months, and a ranking with both lists', async () => {
    const today = chinaDate(new Date().toISOString())
    const month = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 7, 1))
    const from = month.toISOString().slice(0, 10)
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/supervision?period=custom&from=${from}&to=${today}`,
      headers: { cookie },
    })
    expect(response.statusCode, response.body).toBe(200)
    const view = response.json<SupervisionView>()
    for (const township of view.areas) {
      expect(township.issues.received, township.unit.name).toBeGreaterThan(50)
      expect(township.meetings.held, township.unit.name).toBeGreaterThan(0)
    }
    expect(view.total.policies.issued).toBeGreaterThan(0)
    expect(view.total.forms.collected).toBeGreaterThan(0)
    const ranking = rankUnits(view.areas, DEFAULT_STANDARDS)
    expect(ranking.map((row) => row.unitId)).toEqual(['demo-t1', 'demo-t2', 'demo-t3'])
    const { commended, notified } = honourLists(ranking, DEFAULT_STANDARDS)
    expect(commended.map((row) => row.unitId)).toEqual(['demo-t1'])
    expect(notified.map((row) => row.unitId)).toEqual(['demo-t3'])
  })
})
