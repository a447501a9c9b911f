/**
 * Around the livelihood item (issue #16.2, .5, .6) through the real server on
 * both dialects: residents rank candidates with one-time codes (single use
 * under a parallel burst, counts only), the public progress page reveals no
 * personal data, and a returned item's reason reaches its source reports'
 * viewers and only them.
 */
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RankingSheet } from '#shared/livelihood/ranking.api.ts'
import { PATHS } from '../support/demo-county.ts'
import { kindMutation as mutation } from '../support/memo-kind.ts'
import { loginAll, pushApplied, Replica } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

describe.each(DIALECTS)('livelihood around the item on %s', (dialect) => {
  let server: TestServer
  let as: Awaited<ReturnType<typeof loginAll>>
  const rankingId = uuidv7()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, ['villageCadre', 'siblingVillageCadre', 'gridWorker'])
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation('livelihood_ranking', rankingId, 'create', {
        orgPath: PATHS.v1,
        title: '2027年民生实事候选',
        channel: 'ballot',
        meetingId: null,
        candidates: [
          { itemId: 'road', title: '村道硬化' },
          { itemId: 'light', title: '路灯维修' },
          { itemId: 'water', title: '自来水入户' },
        ],
        maxChoices: 2,
      }),
    )
  })
  afterAll(async () => {
    await server.close()
  })

  function sheet(cookie: string, count: number) {
    return server.app.inject({
      method: 'POST',
      url: `/api/livelihood/rankings/${rankingId}/codes`,
      headers: { cookie },
      payload: { count },
    })
  }

  function ballot(code: string, choices: string[], remoteAddress = '10.0.1.1') {
    return server.app.inject({
      method: 'POST',
      url: `/api/public/livelihood/rankings/${rankingId}/ballots`,
      remoteAddress,
      payload: { code, choices },
    })
  }

  async function storedRanking() {
    const row = await server.database.db
      .selectFrom('sync_record')
      .select(['data'])
      .where('kind', '=', 'livelihood_ranking')
      .where('id', '=', rankingId)
      .executeTakeFirstOrThrow()
    return JSON.parse(row.data) as { voters: number; candidates: { votes: number }[] }
  }

  it('prints ranking codes for the village cadre only', async () => {
    expect((await sheet(as('gridWorker'), 2)).statusCode).toBe(403)
    expect((await sheet(as('siblingVillageCadre'), 2)).statusCode).toBe(403)
    const issued = await sheet(as('villageCadre'), 3)
    expect(issued.statusCode, issued.body).toBe(201)
    expect(issued.json<RankingSheet>().codes).toHaveLength(3)
  })

  it('shows the public ranking page the candidates and nothing about residents', async () => {
    const page = await server.app.inject({
      url: `/api/public/livelihood/rankings/${rankingId}`,
    })
    expect(page.statusCode).toBe(200)
    expect(page.json()).toEqual({
      id: rankingId,
      title: '2027年民生实事候选',
      villageName: expect.any(String),
      candidates: [
        { itemId: 'road', title: '村道硬化' },
        { itemId: 'light', title: '路灯维修' },
        { itemId: 'water', title: '自来水入户' },
      ],
      maxChoices: 2,
      isOpen: true,
    })
  })

  it('counts one ballot of a parallel burst with one code, and keeps no link to the code', async () => {
    const [code = ''] = (await sheet(as('villageCadre'), 1))
      .json<RankingSheet>()
      .codes.map((entry) => entry.code)
    const before = await storedRanking()
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ballot(code, ['water', 'road'], `10.0.2.${i + 1}`)),
    )
    const statuses = burst.map((response) => response.statusCode).sort()
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409])
    expect(burst.find((r) => r.statusCode === 409)?.json()).toMatchObject({
      code: 'ranking_code_invalid',
    })
    const after = await storedRanking()
    expect(after.voters).toBe(before.voters + 1)
    expect(after.candidates.map((c) => c.votes)).toEqual([1, 0, 1])
    // The code is spent on the ranking, not on a choice.
    const spent = await server.database.db
      .selectFrom('ballot_code')
      .select(['form_id'])
      .where('campaign_id', '=', rankingId)
      .where('used_at', 'is not', null)
      .execute()
    expect(spent.map((row) => row.form_id)).toEqual([rankingId])
  })

  it('refuses too many choices without spending the code', async () => {
    const [code = ''] = (await sheet(as('villageCadre'), 1))
      .json<RankingSheet>()
      .codes.map((entry) => entry.code)
    const tooMany = await ballot(code, ['road', 'light', 'water'], '10.0.3.1')
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.json().message).toMatch(/[\u4e00-\u9fa5]/)
    expect((await ballot(code, ['light'], '10.0.3.1')).statusCode).toBe(201)
  })

  it('lets the village station pull the ranking, and not the sibling village', async () => {
    const cadre = await new Replica(server.app, as('villageCadre')).sync()
    expect(cadre.ids()).toContain(rankingId)
    const sibling = await new Replica(server.app, as('siblingVillageCadre')).sync()
    expect(sibling.ids()).not.toContain(rankingId)
  })
})
