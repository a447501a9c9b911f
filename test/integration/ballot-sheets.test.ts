import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CodeSheet } from '#shared/assessment/assessment.api.ts'
import type { SheetList } from '#shared/ballot/ballot.api.ts'
import { seedDemoAssessment } from '#server/assessment/assessment.seed.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { PATHS } from '../support/demo-county.ts'
import { loginAll } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

/** The demo campaign of seedDemoAssessment (open today, villages v1 and v2 of township 1). */
const CAMPAIGN_ID = '0195b1c0-0000-7000-8000-00000000d002'

describe.each(DIALECTS)('ballot code sheets on %s', (dialect) => {
  let server: TestServer
  let as: Awaited<ReturnType<typeof loginAll>>

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await seedDemoAssessment(server.database, defaultKinds)
    as = await loginAll(server, [
      'villageCadre',
      'villageMediator',
      'siblingVillageCadre',
      'otherTownshipVillageCadre',
      'county',
      'department',
    ])
  })
  afterAll(() => server.close())

  function issue(cookie: string, count: number) {
    return server.app.inject({
      method: 'POST',
      url: `/api/assessment/campaigns/${CAMPAIGN_ID}/codes`,
      headers: { cookie },
      payload: { count },
    })
  }
  function sheet(cookie: string | undefined, batchId: string) {
    return server.app.inject({
      url: `/api/assessment/sheets/${batchId}`,
      headers: cookie ? { cookie } : {},
    })
  }
  function ballot(code: string) {
    return server.app.inject({
      method: 'POST',
      url: `/api/public/campaigns/${CAMPAIGN_ID}/ballots`,
      remoteAddress: '10.9.0.1',
      payload: {
        code,
        answers: {
          villagePath: PATHS.v1,
          scores: { effect: 4, satisfaction: 4, operability: 4, reasonableness: 4 },
          shortcomings: '',
          risks: '',
          suggestions: '',
        },
      },
    })
  }

  it('shows the issuer the same sheet again later, a spent code marked as used', async () => {
    const issued = await issue(as('villageCadre'), 6)
    expect(issued.statusCode).toBe(201)
    const first = issued.json<CodeSheet>()
    expect(first.codes).toHaveLength(6)
    expect(first.policyTitle).toContain('农村低保')
    expect(first.codes.every((entry) => !entry.isUsed)).toBe(true)
    const [spent] = first.codes
    expect((await ballot(spent?.code ?? '')).statusCode).toBe(201)

    // A reload, or another phone of the same account: a new session, the same sheet.
    const otherSession = await server.login('13900110002')
    const list = await server.app.inject({
      url: `/api/assessment/campaigns/${CAMPAIGN_ID}/sheets`,
      headers: { cookie: otherSession },
    })
    expect(list.json<SheetList>().sheets).toContainEqual(
      expect.objectContaining({ batchId: first.batchId, count: 6, used: 1 }),
    )
    const again = await sheet(otherSession, first.batchId)
    expect(again.statusCode).toBe(200)
    expect(again.json<CodeSheet>().codes).toEqual(
      first.codes.map((entry) => ({ code: entry.code, isUsed: entry.code === spent?.code })),
    )
  })

  it('answers 404 to anyone but the issuer, and 403 or 401 without the permission', async () => {
    const { batchId } = (await issue(as('villageCadre'), 2)).json<CodeSheet>()
    // Colleagues, superiors and other units that may print their own sheets still cannot read this one.
    for (const person of [
      'siblingVillageCadre',
      'otherTownshipVillageCadre',
      'county',
      'department',
    ] as const) {
      const answer = await sheet(as(person), batchId)
      expect(answer.statusCode, person).toBe(404)
      expect(answer.body).not.toMatch(/"code":"[2-9A-Z]{8}"/)
      const list = await server.app.inject({
        url: `/api/assessment/campaigns/${CAMPAIGN_ID}/sheets`,
        headers: { cookie: as(person) },
      })
      const sheets = list.statusCode === 200 ? list.json<SheetList>().sheets : []
      expect(
        sheets.map((entry) => entry.batchId),
        person,
      ).not.toContain(batchId)
    }
    // The village's own mediator, in the same unit, has no code permission at all.
    expect((await sheet(as('villageMediator'), batchId)).statusCode).toBe(403)
    expect((await sheet(undefined, batchId)).statusCode).toBe(401)
    expect((await sheet(as('villageCadre'), 'no-such-sheet')).statusCode).toBe(404)
  })

  it('mints exactly what a burst of parallel requests asked for, each sheet its own', async () => {
    const before = await server.database.db.selectFrom('ballot_code').select('code_hash').execute()
    const answers = await Promise.all(Array.from({ length: 8 }, () => issue(as('villageCadre'), 5)))
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(8).fill(201))
    const sheets = answers.map((answer) => answer.json<CodeSheet>())
    expect(new Set(sheets.map((entry) => entry.batchId)).size).toBe(8)
    const codes = sheets.flatMap((entry) => entry.codes.map((code) => code.code))
    expect(new Set(codes).size).toBe(40)
    const after = await server.database.db.selectFrom('ballot_code').select('code_hash').execute()
    expect(after.length - before.length).toBe(40)
    // Each sheet read back holds its own five codes and none of another's.
    for (const issued of sheets) {
      const read = (await sheet(as('villageCadre'), issued.batchId)).json<CodeSheet>()
      expect(read.codes).toEqual(issued.codes)
    }
  })
})
