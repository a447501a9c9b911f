/**
 * Around the livelihood item (issue #16.2, .5, .6) through the real server on
 * both dialects: residents rank candidates with one-time codes (single use
 * under a parallel burst, counts only), the public progress page reveals no
 * personal data, and a returned item's reason reaches its source reports'
 * viewers and only them.
 */
import { createHash } from 'node:crypto'
import { MAX_PUBLIC_READS_PER_IP } from '#server/rate-limit/public-guard.ts'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { livelihoodItemDataSchema } from '#shared/livelihood/livelihood.schema.ts'
import { listingOf } from '#shared/livelihood/propagation.ts'
import type { PublicProgress } from '#shared/livelihood/public-progress.ts'
import type { RankingSheet } from '#shared/livelihood/ranking.api.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { pngOf } from '../support/png.ts'
import { loginAll, pushApplied, pushOne, Replica } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = [
  'villageCadre',
  'siblingVillageCadre',
  'gridWorker',
  'otherTownshipGridWorker',
  'township',
  'county',
  'department',
  'otherDepartment',
] as const satisfies readonly Person[]
const KIND = 'livelihood_item'
const YEAR = Number(chinaDate(new Date().toISOString()).slice(0, 4))
/** The resident of `sampleCreatePayload`: must never reach a public answer. */
const RESIDENT = { name: '张三丰', phone: '13812341234' }

const [ROAD, LIGHT, WATER] = [newRecordId(), newRecordId(), newRecordId()]
const CANDIDATES = [
  [ROAD, '村道硬化'],
  [LIGHT, '路灯维修'],
  [WATER, '自来水入户'],
] as const

function rankingPayload(candidates: readonly (readonly [string, string])[] = CANDIDATES) {
  return {
    orgPath: PATHS.v1,
    title: '2027年民生实事候选',
    channel: 'ballot',
    meetingId: null,
    candidates: candidates.map(([itemId, title]) => ({ itemId, title })),
    maxChoices: 2,
  }
}

describe.each(DIALECTS)('livelihood around the item on %s', (dialect) => {
  let server: TestServer
  let as: Awaited<ReturnType<typeof loginAll>>
  const rankingId = uuidv7()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
    // Three candidate items of the village, each from a report of its grid worker.
    for (const [itemId, title] of CANDIDATES) {
      const source = newRecordId()
      await pushApplied(
        server.app,
        as('gridWorker'),
        mutation(
          'issue',
          source,
          'create',
          sampleCreatePayload({ photos: [], category: 'public_interest', title }),
        ),
      )
      await pushApplied(
        server.app,
        as('villageCadre'),
        mutation(KIND, itemId, 'create', {
          name: title,
          description: '群众反映，拟于年内解决。',
          place: '柳河村',
          year: YEAR,
          sourceIssueIds: [source],
        }),
      )
    }
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation('livelihood_ranking', rankingId, 'create', rankingPayload()),
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

  it('refuses a ranking whose candidate is not an item of the township under its name', async () => {
    const renamed = await pushOne(
      server.app,
      as('villageCadre'),
      mutation(
        'livelihood_ranking',
        newRecordId(),
        'create',
        rankingPayload([CANDIDATES[0], [LIGHT, '另起的名字']]),
      ),
    )
    expect(renamed).toMatchObject({ status: 'rejected', code: 'ranking_mismatch' })
    const unknown = await pushOne(
      server.app,
      as('villageCadre'),
      mutation(
        'livelihood_ranking',
        newRecordId(),
        'create',
        rankingPayload([CANDIDATES[0], [newRecordId(), '不存在的事项']]),
      ),
    )
    expect(unknown).toMatchObject({ status: 'rejected', code: 'unknown_item' })
  })

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
      candidates: CANDIDATES.map(([itemId, title]) => ({ itemId, title })),
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
      Array.from({ length: 8 }, (_, i) => ballot(code, [WATER, ROAD], `10.0.2.${i + 1}`)),
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
    const tooMany = await ballot(code, [ROAD, LIGHT, WATER], '10.0.3.1')
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.json().message).toMatch(/[\u4e00-\u9fa5]/)
    expect((await ballot(code, [LIGHT], '10.0.3.1')).statusCode).toBe(201)
  })

  it('lets the village station pull the ranking, and not the sibling village', async () => {
    const cadre = await new Replica(server.app, as('villageCadre')).sync()
    expect(cadre.ids()).toContain(rankingId)
    const sibling = await new Replica(server.app, as('siblingVillageCadre')).sync()
    expect(sibling.ids()).not.toContain(rankingId)
  })

  /** A public-interest report of the grid worker of demo-t1-v1-g1 (a named resident); its id. */
  async function report(title: string): Promise<string> {
    const id = newRecordId()
    await pushApplied(
      server.app,
      as('gridWorker'),
      mutation(
        'issue',
        id,
        'create',
        sampleCreatePayload({ photos: [], category: 'public_interest', title }),
      ),
    )
    return id
  }

  /** An item from `sources`, proposed by the village, planned and submitted by the township. */
  async function submittedItem(sources: string[], name: string): Promise<string> {
    const id = newRecordId()
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(KIND, id, 'create', {
        name,
        description: `${RESIDENT.name}等村民反映，拟于年内解决。`,
        place: '柳河村东片',
        year: YEAR,
        sourceIssueIds: sources,
      }),
    )
    await pushApplied(
      server.app,
      as('township'),
      mutation(
        KIND,
        id,
        'plan',
        {
          responsibleUnit: PATHS.dept1,
          estimatedCost: 36.5,
          fundingSource: '县级财政衔接资金',
          plannedStart: `${YEAR}-01-05`,
          plannedCompletion: `${YEAR + 1}-05-31`,
          milestones: [],
        },
        1,
      ),
    )
    await pushApplied(server.app, as('township'), mutation(KIND, id, 'submit', {}, 2))
    return id
  }

  function publicPage(unitId: string, remoteAddress = '10.0.4.1') {
    return server.app.inject({ url: `/api/public/livelihood/units/${unitId}`, remoteAddress })
  }

  const REASON = '该路段已列入县交通局2027年计划，请勿重复申报'
  let returnedSources: string[] = []
  let photo = ''

  it('shows the public page the plan’s items, their progress and latest photo, and no person', async () => {
    const built = await submittedItem([await report('村东土路雨天泥泞')], '柳河村通组道路硬化')
    await pushApplied(server.app, as('county'), mutation(KIND, built, 'accept', {}, 3))
    const image = pngOf(10, 120, 200)
    photo = createHash('sha256').update(image).digest('hex')
    const uploaded = await server.app.inject({
      method: 'PUT',
      url: `/api/blobs/${photo}`,
      headers: { 'content-type': 'image/png', cookie: as('department') },
      payload: image,
    })
    expect(uploaded.statusCode).toBe(201)
    await pushApplied(
      server.app,
      as('department'),
      mutation(
        KIND,
        built,
        'progress',
        {
          date: chinaDate(new Date().toISOString()),
          percent: 40,
          note: `已完成路基，${RESIDENT.name}家门口段待铺`,
          photos: [photo],
        },
        4,
      ),
    )
    returnedSources = [await report('村西路灯不亮'), await report('路灯坏了半个月')]
    const returned = await submittedItem(returnedSources, '柳河村路灯改造')
    await pushApplied(
      server.app,
      as('county'),
      mutation(KIND, returned, 'return', { reason: REASON }, 3),
    )

    const page = await publicPage('demo-t1')
    expect(page.statusCode, page.body).toBe(200)
    const body = page.json<PublicProgress>()
    expect(body.items).toEqual([
      {
        id: built,
        name: '柳河村通组道路硬化',
        place: '柳河村东片',
        townshipName: expect.any(String),
        responsibleUnitName: expect.any(String),
        percent: 40,
        state: 'on_time',
        plannedCompletion: `${YEAR + 1}-05-31`,
        completedOn: null,
        updatedOn: chinaDate(new Date().toISOString()),
        photo,
        sourceCount: 1,
      },
    ])
    expect(body.counts).toEqual({ completed: 0, onTime: 1, delayed: 0 })
    // Nothing personal, no report text, no free text of the item, no reason.
    for (const secret of [RESIDENT.name, RESIDENT.phone, '雨天泥泞', '已完成路基', REASON]) {
      expect(page.body).not.toContain(secret)
    }
    const county = (await publicPage('demo-county')).json<PublicProgress>()
    expect(county.items.map((item) => item.id)).toEqual([built])
    expect((await publicPage('demo-t1-v1')).statusCode).toBe(404)
    expect((await publicPage('no-such-unit')).statusCode).toBe(404)
  })

  it('answers exactly the per-address limit of a parallel burst of reads, then 429', async () => {
    const burst = MAX_PUBLIC_READS_PER_IP + 20
    const from = '10.0.4.99'
    const answers = await Promise.all(
      Array.from({ length: burst }, () => publicPage('demo-t1', from)),
    )
    const codes = answers.map((answer) => answer.statusCode)
    expect(codes.filter((code) => code === 200)).toHaveLength(MAX_PUBLIC_READS_PER_IP)
    expect(codes.filter((code) => code === 429)).toHaveLength(20)
    const refused = answers.find((answer) => answer.statusCode === 429)
    expect(refused?.json()).toMatchObject({ code: 'too_many_public_reads' })
    // Another address still reads.
    expect((await publicPage('demo-t1', '10.0.4.100')).statusCode).toBe(200)
  })

  it('serves only the latest photo of a public item, without an account', async () => {
    const served = await server.app.inject({
      url: `/api/public/livelihood/units/demo-t1/photos/${photo}`,
    })
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('image/png')
    const other = await server.app.inject({
      url: `/api/public/livelihood/units/demo-t2/photos/${photo}`,
    })
    expect(other.statusCode).toBe(404)
  })

  it('gives a returned item’s reason to every source report’s viewers and only them', async () => {
    const itemsOf = async (who: Person) =>
      [...(await new Replica(server.app, as(who)).sync()).records.values()]
        .filter((record) => record.kind === KIND)
        .map((record) => ({ id: record.id, data: livelihoodItemDataSchema.parse(record.data) }))
    // The grid worker who logged the reports, their village and township see the reason on each.
    for (const who of ['gridWorker', 'villageCadre', 'township'] as const) {
      const items = await itemsOf(who)
      for (const id of returnedSources) {
        expect(listingOf(id, items), `${who} ${id}`).toMatchObject({ reason: REASON })
      }
    }
    // Another township's grid and a department that is not responsible see neither item nor reason.
    for (const who of ['otherTownshipGridWorker', 'otherDepartment'] as const) {
      const items = await itemsOf(who)
      for (const id of returnedSources) expect(listingOf(id, items), who).toBeNull()
    }
  })
})
