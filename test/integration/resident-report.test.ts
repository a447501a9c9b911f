/**
 * Residents' own reports (issue #17.3, .4) through the real server, on both
 * dialects: a report from the public form lands in the grid's inbox as a
 * 线上 report of the residents' system actor, in the ledger; robots and bad
 * input store nothing; a tracking code for every report (grid-captured ones
 * with the hash made on the device), a lookup that shows only the allowed
 * fields, the resident's feedback through it, and the limits under
 * parallel bursts.
 */
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import type { ReportPlaces, TrackedReport } from '#shared/issue/issue.public.ts'
import { PERSONAL_FIELDS, RESIDENT_ACTOR_ID } from '#shared/issue/issue.resident.ts'
import type { IssueData } from '#shared/issue/issue.schema.ts'
import {
  normalizeTrackingCode,
  trackingCodeFromBytes,
} from '#shared/consultation/public-tracking.ts'
import { hashTrackingCode, MAX_BAD_CODES_PER_IP } from '#server/consultation/opinion-guard.ts'
import { MAX_REPORTS_PER_IP, MAX_REPORTS_PER_VILLAGE } from '#server/issue/report-guard.ts'
import { MAX_PUBLIC_READS_PER_IP } from '#server/rate-limit/public-guard.ts'
import { formTokenKeyLoader, issueFormToken } from '#server/public/form-token.ts'
import { type Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, pushApplied, Replica } from '../support/sync-client.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = [
  'gridWorker',
  'siblingGridWorker',
  'villageCadre',
  'county',
] as const satisfies readonly Person[]
type Who = (typeof PEOPLE)[number]

/** A few bytes that are a JPEG as far as the server can tell (its first bytes). */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200)])

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf)
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, item]) => [key, ...keysOf(item)])
}

describe.each(DIALECTS)("residents' own reports on %s", (dialect) => {
  let server: TestServer
  let as: (who: Who) => string
  let address = 0
  /** A fresh address per test, so that one test's counts never limit another's. */
  const nextAddress = () => `10.7.${Math.floor(++address / 250)}.${address % 250}`

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  /** A form token the server signed `ago` ms before now, as if the page had been open that long. */
  const tokenFrom = (ago: number) =>
    issueFormToken(formTokenKeyLoader(server.app.config)(), new Date(Date.now() - ago))

  const form = (fields: Record<string, unknown> = {}) => ({
    topic: 'facilities',
    description: '村口到小学的路灯坏了，晚上孩子放学看不清路。',
    villageId: 'demo-t1-v1',
    gridId: 'demo-t1-v1-g1',
    isAnonymous: false,
    name: '王大爷',
    phone: '13812345678',
    consent: true,
    formToken: tokenFrom(20_000),
    ...fields,
  })

  function send(body: unknown, remoteAddress = nextAddress()) {
    return server.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: body as object,
      remoteAddress,
    })
  }
  function lookup(code: string, remoteAddress = nextAddress()) {
    return server.app.inject({
      method: 'POST',
      url: '/api/public/reports/lookup',
      payload: { code },
      remoteAddress,
    })
  }
  function feedback(body: Record<string, unknown>, remoteAddress = nextAddress()) {
    return server.app.inject({
      method: 'POST',
      url: '/api/public/reports/feedback',
      payload: body,
      remoteAddress,
    })
  }
  async function raise(fields: Record<string, unknown> = {}): Promise<string> {
    const response = await send(form(fields))
    expect(response.statusCode, response.body).toBe(201)
    return response.json<{ trackingCode: string }>().trackingCode
  }
  async function issuesOf(who: Who): Promise<IssueData[]> {
    const replica = await new Replica(server.app, as(who)).sync()
    return [...replica.records.values()]
      .filter((record) => record.kind === 'issue')
      .map((record) => record.data as IssueData)
  }
  async function issueWith(who: Who, description: string) {
    const replica = await new Replica(server.app, as(who)).sync()
    return [...replica.records.values()].find(
      (record) => record.kind === 'issue' && (record.data as IssueData).description === description,
    )
  }

  it("offers a grid's link its own village with its grids, and a township's link all its villages", async () => {
    const fromGrid = await server.app.inject({
      url: '/api/public/report-places?unit=demo-t1-v1-g2',
    })
    expect(fromGrid.statusCode, fromGrid.body).toBe(200)
    const places = fromGrid.json<ReportPlaces>()
    expect(places.villages.map((village) => village.id)).toEqual(['demo-t1-v1'])
    expect(places.villages[0]?.grids.map((grid) => grid.id)).toEqual([
      'demo-t1-v1-g1',
      'demo-t1-v1-g2',
    ])
    expect(places.villages[0]?.townshipName).not.toBe('')
    const fromTownship = await server.app.inject({ url: '/api/public/report-places?unit=demo-t1' })
    expect(fromTownship.json<ReportPlaces>().villages.map((village) => village.id)).toContain(
      'demo-t1-v2',
    )
    const unknown = await server.app.inject({ url: '/api/public/report-places?unit=nowhere' })
    expect(unknown.statusCode).toBe(404)
  })

  it('answers exactly the per-address read limit of a parallel burst for the places, then 429', async () => {
    const from = nextAddress()
    const places = (remoteAddress: string) =>
      server.app.inject({ url: '/api/public/report-places?unit=demo-t1-v1', remoteAddress })
    const answers = await Promise.all(
      Array.from({ length: MAX_PUBLIC_READS_PER_IP + 10 }, () => places(from)),
    )
    const codes = answers.map((answer) => answer.statusCode)
    expect(codes.filter((code) => code === 200)).toHaveLength(MAX_PUBLIC_READS_PER_IP)
    expect(codes.filter((code) => code === 429)).toHaveLength(10)
    const refused = answers.find((answer) => answer.statusCode === 429)
    expect(refused?.json()).toMatchObject({ code: 'too_many_public_reads' })
    expect(refused?.json<{ formToken?: string }>().formToken).toBeUndefined()
    // Another address still gets the places and a form token.
    const other = await places(nextAddress())
    expect(other.statusCode).toBe(200)
    expect(other.json<ReportPlaces>().formToken).toBeTruthy()
  })

  it("files a resident's report, with a photo, in the grid's inbox as 线上 through the system actor", async () => {
    const description = `网上说事：路灯坏了 ${randomBytes(4).toString('hex')}`
    const code = await raise({
      description,
      photo: { type: 'image/jpeg', base64: JPEG.toString('base64') },
    })
    expect(normalizeTrackingCode(code)).not.toBeNull()
    const record = await issueWith('gridWorker', description)
    const issue = record?.data as IssueData | undefined
    expect(issue).toMatchObject({
      channel: 'online',
      status: 'registered',
      gridId: 'demo-t1-v1-g1',
      reporterId: RESIDENT_ACTOR_ID,
      category: 'public_interest',
      tags: ['infrastructure'],
      resident: { name: '王大爷', phone: '13812345678' },
    })
    expect(issue?.events[0]).toMatchObject({ action: 'register', actorId: RESIDENT_ACTOR_ID })
    // The hash is the server's alone.
    expect(issue && 'trackingHash' in issue).toBe(false)
    // The grid worker can open the photo; the sibling grid's worker does not even see the report.
    const sha256 = createHash('sha256').update(JPEG).digest('hex')
    expect(issue?.photos).toEqual([sha256])
    const photo = await server.app.inject({
      url: `/api/blobs/${sha256}`,
      headers: { cookie: as('gridWorker') },
    })
    expect(photo.statusCode).toBe(200)
    expect(await issueWith('siblingGridWorker', description)).toBeUndefined()
    // The county sees the report with the resident masked, as any report.
    const countyView = (await issueWith('county', description))?.data as IssueData | undefined
    expect(countyView?.resident).toEqual({ name: '王**', phone: '138****5678' })
  })

  it('stores neither name nor phone for an anonymous report, and files an unknown grid in the village', async () => {
    const description = `匿名反映垃圾堆放 ${randomBytes(4).toString('hex')}`
    await raise({ description, isAnonymous: true, name: '', phone: '', gridId: null })
    const issue = (await issueWith('villageCadre', description))?.data as IssueData | undefined
    expect(issue).toMatchObject({ isAnonymous: true, resident: null })
    expect(issue?.gridId).toMatch(/^demo-t1-v1-g\d$/)
  })

  it('answers a robot (honeypot filled, or sent within seconds) with a code but stores nothing', async () => {
    const before = await countRows(server.database, 'issue_tracking')
    const trap = await send(form({ website: 'http://spam.example' }))
    // The places give the page its token; sent at once, on the server's clock.
    const places = await server.app.inject({ url: '/api/public/report-places?unit=demo-t1-v1' })
    const fast = await send(form({ formToken: places.json<ReportPlaces>().formToken }))
    expect([trap.statusCode, fast.statusCode]).toEqual([201, 201])
    expect(await countRows(server.database, 'issue_tracking')).toBe(before)
    const code = trap.json<{ trackingCode: string }>().trackingCode
    expect((await lookup(code)).statusCode).toBe(404)
  })

  it("does not trust the page's clock: a claimed fill time, a forged or stale token are refused", async () => {
    const before = await countRows(server.database, 'issue_tracking')
    const stale = tokenFrom(8 * 24 * 60 * 60 * 1000)
    const [issuedAt = '', signature = ''] = tokenFrom(20_000).split('.').slice(1)
    // An older issue time under the same signature: the signature no longer fits.
    const older = (parseInt(issuedAt, 36) - 60_000).toString(36)
    const cases = [
      { fillMs: 20_000, formToken: undefined },
      { formToken: `v1.${older}.${signature}` },
      { formToken: `v1.${issuedAt}.${'A'.repeat(22)}` },
      { formToken: 'nonsense' },
      { formToken: stale },
    ]
    for (const fields of cases) {
      const response = await send(form(fields))
      expect(response.statusCode, JSON.stringify(fields)).toBe(400)
      expect(response.json<{ code: string; message: string }>()).toMatchObject({
        code: 'form_expired',
        message: expect.stringMatching(/[\u4e00-\u9fff]/),
      })
    }
    expect(await countRows(server.database, 'issue_tracking')).toBe(before)
  })

  it('refuses bad input with a Chinese reason and stores nothing', async () => {
    const before = await countRows(server.database, 'issue_tracking')
    const cases: [Record<string, unknown>, string][] = [
      [{ consent: false }, 'consent'],
      [{ description: '   ' }, 'description'],
      [{ topic: 'bribery' }, 'topic'],
      [{ villageId: 'demo-t1' }, 'villageId'],
      [{ gridId: 'demo-t1-v2-g1' }, 'gridId'],
      [{ isAnonymous: true }, 'isAnonymous'],
      [{ phone: '12345' }, 'phone'],
      [{ photo: { type: 'image/png', base64: JPEG.toString('base64') } }, 'photo'],
    ]
    for (const [fields, field] of cases) {
      const response = await send(form(fields))
      expect(response.statusCode, JSON.stringify(fields)).toBe(400)
      const body = response.json<{ message: string; fields?: Record<string, string> }>()
      expect(body.message).toMatch(/[\u4e00-\u9fff]/)
      expect(Object.keys(body.fields ?? {}).join(','), JSON.stringify(fields)).toContain(field)
    }
    expect(await countRows(server.database, 'issue_tracking')).toBe(before)
  })

  it('shows the resident only status, dated steps, the answer and the feedback question, and takes their 满意', async () => {
    const description = `井盖缺失 ${randomBytes(4).toString('hex')}`
    const code = await raise({ description })
    const first = await lookup(code.toLowerCase().replaceAll('-', ' '))
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json<TrackedReport>()).toMatchObject({
      status: 'registered',
      steps: [{ action: 'register' }],
      answer: null,
      isAwaitingFeedback: false,
      satisfaction: null,
    })
    // The village handles it, with an internal note the resident never sees.
    const id = (await issueWith('villageCadre', description))?.id ?? ''
    const transition = (who: Who, fields: Record<string, unknown>, base: number) =>
      pushApplied(server.app, as(who), mutation('issue', id, 'transition', fields, base))
    await transition('villageCadre', { action: 'accept' }, 1)
    await transition(
      'villageCadre',
      { action: 'set_private', isPrivate: true, reason: '内部：涉及邻里隐私' },
      2,
    )
    await transition('villageCadre', { action: 'resolve_locally', resolution: '已安排更换井盖' }, 3)
    const answered = await lookup(code)
    const body = answered.json<TrackedReport>()
    expect(body).toMatchObject({
      status: 'awaiting_feedback',
      isAwaitingFeedback: true,
      answer: { tier: 'village', text: '已安排更换井盖' },
    })
    expect(body.steps.map((step) => step.action)).toEqual(['register', 'accept', 'resolve_locally'])
    for (const step of body.steps) expect(step.on).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const personal: readonly string[] = PERSONAL_FIELDS
    expect(keysOf(body).filter((key) => personal.includes(key))).toEqual([])
    expect(answered.body).not.toContain('内部')
    expect(answered.body).not.toContain('王大爷')
    expect(answered.body).not.toContain('13812345678')
    expect(answered.body).not.toContain(description)

    const unhappy = await feedback({ code, satisfaction: 'dissatisfied', comment: '' })
    expect(unhappy.statusCode).toBe(400)
    const rated = await feedback({ code, satisfaction: 'satisfied', comment: '修好了，谢谢' })
    expect(rated.statusCode, rated.body).toBe(200)
    expect(rated.json<TrackedReport>()).toMatchObject({
      status: 'closed',
      satisfaction: 'satisfied',
    })
    expect(rated.body).not.toContain('修好了')
    // The grid worker sees the resident's rating in the ledger.
    const seen = (await issueWith('gridWorker', description))?.data as IssueData | undefined
    expect(seen?.feedback).toEqual({ satisfaction: 'satisfied', comment: '修好了，谢谢' })
    expect(seen?.events.at(-1)).toMatchObject({ action: 'feedback', actorId: RESIDENT_ACTOR_ID })
    // Only while it waits for feedback.
    const again = await feedback({ code, satisfaction: 'basically_satisfied' })
    expect(again.statusCode).toBe(409)
  })

  it("gives a grid-captured report's code, hashed on the device, to the lookup — never to anyone's pull", async () => {
    const code = trackingCodeFromBytes(randomBytes(12))
    const trackingHash = hashTrackingCode(code)
    const id = newRecordId()
    await pushApplied(
      server.app,
      as('gridWorker'),
      mutation('issue', id, 'create', sampleCreatePayload({ photos: [], trackingHash })),
    )
    const found = await lookup(code)
    expect(found.statusCode, found.body).toBe(200)
    expect(found.json<TrackedReport>().status).toBe('registered')
    for (const who of PEOPLE) {
      for (const issue of await issuesOf(who)) expect('trackingHash' in issue).toBe(false)
    }
    // Another account naming the same hash does not take the code over.
    await pushApplied(
      server.app,
      as('siblingGridWorker'),
      mutation(
        'issue',
        newRecordId(),
        'create',
        sampleCreatePayload({
          photos: [],
          trackingHash,
          gridId: 'demo-t1-v1-g2',
          orgPath: '/demo-county/demo-t1/demo-t1-v1/demo-t1-v1-g2/',
        }),
      ),
    )
    const issueId = await server.database.db
      .selectFrom('issue_tracking')
      .select('issue_id')
      .where('code_hash', '=', trackingHash)
      .executeTakeFirst()
    expect(issueId?.issue_id).toBe(id)
  })

  it('stops an address after a few wrong codes, even for a right one', async () => {
    const code = await raise()
    const from = nextAddress()
    for (let i = 0; i < MAX_BAD_CODES_PER_IP; i++) {
      expect((await lookup(trackingCodeFromBytes(randomBytes(12)), from)).statusCode).toBe(404)
    }
    expect((await lookup(code, from)).statusCode).toBe(429)
    expect((await feedback({ code, satisfaction: 'satisfied' }, from)).statusCode).toBe(429)
    expect((await lookup(code)).statusCode).toBe(200)
  })

  it(`checks at most ${MAX_BAD_CODES_PER_IP} of 30 parallel wrong codes from one address, lookups and feedback together`, async () => {
    const code = await raise()
    const from = nextAddress()
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const wrong = trackingCodeFromBytes(randomBytes(12))
        return i % 2 === 0
          ? lookup(wrong, from)
          : feedback({ code: wrong, satisfaction: 'satisfied' }, from)
      }),
    )
    const counts: Record<number, number> = {}
    for (const { statusCode } of answers) counts[statusCode] = (counts[statusCode] ?? 0) + 1
    expect(counts).toEqual({ 404: MAX_BAD_CODES_PER_IP, 429: 30 - MAX_BAD_CODES_PER_IP })
    expect((await lookup(code, from)).statusCode).toBe(429)
    expect((await lookup(code)).statusCode).toBe(200)
  })

  it(`stores at most ${MAX_REPORTS_PER_IP} of 50 parallel reports from one address`, async () => {
    const before = await countRows(server.database, 'issue_tracking')
    const from = nextAddress()
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(
          form({ villageId: 'demo-t1-v2', gridId: null, description: `并发说事${i}` }),
          from,
        ).then((response) => response.statusCode),
      ),
    )
    const counts: Record<number, number> = {}
    for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1
    expect(counts).toEqual({ 201: MAX_REPORTS_PER_IP, 429: 50 - MAX_REPORTS_PER_IP })
    expect((await countRows(server.database, 'issue_tracking')) - before).toBe(MAX_REPORTS_PER_IP)
  })

  it(`takes at most ${MAX_REPORTS_PER_VILLAGE} public reports a day into one village, from any number of addresses`, async () => {
    const before = await countRows(server.database, 'issue_tracking')
    const total = MAX_REPORTS_PER_VILLAGE + 10
    const statuses = await Promise.all(
      Array.from({ length: total }, (_, i) =>
        send(
          form({ villageId: 'demo-t3-v1', gridId: null, description: `洪水式说事${i}` }),
          `10.9.${i % 7}.${Math.floor(i / 7)}`,
        ).then((response) => response.statusCode),
      ),
    )
    const counts: Record<number, number> = {}
    for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1
    expect(counts).toEqual({ 201: MAX_REPORTS_PER_VILLAGE, 429: 10 })
    expect((await countRows(server.database, 'issue_tracking')) - before).toBe(
      MAX_REPORTS_PER_VILLAGE,
    )
  })
})
