/**
 * Issue #16.1 on the real server, on SQLite and PostgreSQL: a consultation
 * opinion as a source of a livelihood item — it backs one item only, it
 * counts among the residents asking, an opinion of another township is
 * refused, and the opinion's author follows the item (its reason when the
 * county returns it, then its progress) through the opinion tracking lookup.
 */
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { addCalendarDays } from '#shared/consultation/consultation.rules.ts'
import { sampleConsultation } from '#shared/consultation/consultation.fixtures.ts'
import type { TrackedOpinion } from '#shared/consultation/public-consultation.ts'
import type { PublicProgress } from '#shared/livelihood/public-progress.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { personalFieldsIn } from '../support/personal-fields.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, pushApplied, pushOne, Replica } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = [
  'gridWorker',
  'villageCadre',
  'otherTownshipVillageCadre',
  'township',
  'county',
  'department',
] as const satisfies readonly Person[]
type Who = (typeof PEOPLE)[number]

const TODAY = chinaDate(new Date().toISOString())
const YEAR = Number(TODAY.slice(0, 4))
const KIND = 'livelihood_item'

describe.each(DIALECTS)('consultation opinions on the livelihood list on %s', (dialect) => {
  let server: TestServer
  let as: (who: Who) => string
  const consultationId = uuidv7()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
    await pushApplied(
      server.app,
      as('department'),
      mutation('consultation', consultationId, 'create', {
        ...sampleConsultation({
          department: PATHS.dept1,
          concerns: [PATHS.t1],
          opensOn: TODAY,
          closesOn: addCalendarDays(TODAY, 30),
        }),
      }),
    )
    await pushApplied(
      server.app,
      as('department'),
      mutation('consultation', consultationId, 'open', {}),
    )
  })
  afterAll(() => server.close())

  /** A resident's opinion from the public page about village v1; its tracking code and id. */
  async function publicOpinion(text: string): Promise<{ code: string; id: string }> {
    const sent = await server.app.inject({
      method: 'POST',
      url: `/api/public/consultations/${consultationId}/opinions`,
      payload: { text, villagePath: PATHS.v1, name: '王大爷', phone: '13812345678' },
      remoteAddress: '10.16.1.1',
    })
    expect(sent.statusCode, sent.body).toBe(201)
    const replica = await new Replica(server.app, as('villageCadre')).sync()
    const opinion = [...replica.records.values()].find(
      (record) => record.kind === 'opinion' && record.data.text === text,
    )
    expect(opinion).toBeDefined()
    return { code: sent.json<{ trackingCode: string }>().trackingCode, id: opinion?.id ?? '' }
  }

  async function lookup(code: string): Promise<TrackedOpinion> {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/public/opinions/lookup',
      payload: { code },
      remoteAddress: '10.16.2.1',
    })
    expect(response.statusCode, response.body).toBe(200)
    return response.json<TrackedOpinion>()
  }

  async function report(): Promise<string> {
    const id = newRecordId()
    await pushApplied(
      server.app,
      as('gridWorker'),
      mutation(
        'issue',
        id,
        'create',
        sampleCreatePayload({ photos: [], category: 'public_interest' }),
      ),
    )
    return id
  }

  const proposal = (sources: { sourceIssueIds?: string[]; sourceOpinionIds?: string[] }) => ({
    name: '柳河村老年助餐点',
    description: '村里老人吃饭难，群众在征求意见时提出建助餐点。',
    place: '柳河村委会旁',
    year: YEAR,
    ...sources,
  })

  const plan = {
    responsibleUnit: PATHS.dept1,
    estimatedCost: 12,
    fundingSource: '县级财政',
    plannedStart: TODAY,
    plannedCompletion: `${YEAR + 1}-05-31`,
    milestones: [],
  }

  it('backs one item, counts among the residents asking, and lets its author follow the item', async () => {
    const opinion = await publicOpinion('建议在村委会旁边建一个老年助餐点。')
    const before = await lookup(opinion.code)
    expect(before.listing).toBeNull()

    const itemId = newRecordId()
    const source = await report()
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation(
        KIND,
        itemId,
        'create',
        proposal({ sourceIssueIds: [source], sourceOpinionIds: [opinion.id] }),
      ),
    )
    const again = await pushOne(
      server.app,
      as('township'),
      mutation(KIND, newRecordId(), 'create', proposal({ sourceOpinionIds: [opinion.id] })),
    )
    expect(again).toMatchObject({ status: 'rejected', code: 'source_issue_taken' })
    expect((await lookup(opinion.code)).listing).toMatchObject({
      title: '柳河村老年助餐点',
      status: 'candidate',
      percent: 0,
      explanation: null,
    })

    // The county returns it with a reason: the author reads the reason.
    await pushApplied(server.app, as('township'), mutation(KIND, itemId, 'plan', plan, 1))
    await pushApplied(server.app, as('township'), mutation(KIND, itemId, 'submit', {}, 2))
    await pushApplied(
      server.app,
      as('county'),
      mutation(KIND, itemId, 'return', { reason: '请补充选址和运营方案' }, 3),
    )
    expect((await lookup(opinion.code)).listing).toMatchObject({
      status: 'returned',
      explanation: '请补充选址和运营方案',
    })

    // Planned again, accepted, 40 %: the author sees the progress.
    await pushApplied(server.app, as('township'), mutation(KIND, itemId, 'plan', plan, 4))
    await pushApplied(server.app, as('township'), mutation(KIND, itemId, 'submit', {}, 5))
    await pushApplied(server.app, as('county'), mutation(KIND, itemId, 'accept', {}, 6))
    await pushApplied(
      server.app,
      as('department'),
      mutation(
        KIND,
        itemId,
        'progress',
        { date: TODAY, percent: 40, note: '选址完成', photos: [] },
        7,
      ),
    )
    const tracked = await lookup(opinion.code)
    expect(tracked.listing).toEqual({
      title: '柳河村老年助餐点',
      status: 'in_progress',
      percent: 40,
      updatedOn: TODAY,
      explanation: null,
    })
    expect(personalFieldsIn(tracked.listing)).toEqual([])
    expect(JSON.stringify(tracked.listing)).not.toContain('选址完成')

    // One report and one opinion: two residents asking, on the public page.
    const progress = await server.app.inject({ url: '/api/public/livelihood/units/demo-t1' })
    expect(progress.statusCode, progress.body).toBe(200)
    const item = progress.json<PublicProgress>().items.find((entry) => entry.id === itemId)
    expect(item?.sourceCount).toBe(2)
  })

  it('refuses an opinion of another township and a proposal with no source, in Chinese', async () => {
    const opinion = await publicOpinion('建议村里修一条健身步道。')
    const foreign = await pushOne(
      server.app,
      as('otherTownshipVillageCadre'),
      mutation(KIND, newRecordId(), 'create', proposal({ sourceOpinionIds: [opinion.id] })),
    )
    expect(foreign).toMatchObject({ status: 'rejected', code: 'unknown_source_opinion' })
    const none = await pushOne(
      server.app,
      as('villageCadre'),
      mutation(KIND, newRecordId(), 'create', proposal({})),
    )
    expect(none).toMatchObject({
      status: 'rejected',
      code: 'invalid_payload',
      message: '请至少选择一件群众诉求或一条征求意见',
    })
  })
})
