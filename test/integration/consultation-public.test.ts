/**
 * The public side of consultation through the real server, on both
 * dialects: opinions from the public page without an account (rate-limited
 * under a parallel burst, across two server processes; spam refused;
 * refused when closed), the tracking-code lookup, what the public page and
 * the village's grids see, the decision disclosed, the county's clocks,
 * and the yearly participation catalogue (published, overdue).
 */
import { request as httpRequest, Agent } from 'node:http'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays } from '#shared/consultation/consultation.rules.ts'
import { sampleConsultation } from '#shared/consultation/consultation.fixtures.ts'
import type { PublicCatalogues } from '#shared/consultation/public-catalogue.ts'
import type {
  PublicConsultation,
  TrackedOpinion,
} from '#shared/consultation/public-consultation.ts'
import { normalizeTrackingCode } from '#shared/consultation/public-tracking.ts'
import { addWorkingDays, chinaDate } from '#shared/calendar/working-days.ts'
import { buildApp } from '#server/app.ts'
import { loadConfig } from '#server/config.ts'
import { openDatabase, type Database } from '#server/db/database.ts'
import { MAX_BAD_CODES_PER_IP, MAX_OPINIONS_PER_IP } from '#server/consultation/opinion-guard.ts'
import { entryStatus } from '#shared/consultation/catalogue.status.ts'
import { seedDemoCatalogue } from '#server/consultation/catalogue.seed.ts'
import {
  DEMO_CONSULTATION_ID,
  seedDemoConsultation,
} from '#server/consultation/consultation.seed.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { PATHS, PHONES } from '../support/demo-county.ts'
import { kindMutation as mutation } from '../support/memo-kind.ts'
import { loginAll, pushApplied, pushOne, Replica } from '../support/sync-client.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const CONSULTATION = 'consultation'
const OPINION = 'opinion'
const TODAY = chinaDate(new Date().toISOString())

const CATALOGUE = 'participation_catalogue'

describe.each(DIALECTS)('the public side of consultation on %s', (dialect) => {
  let server: TestServer
  let as: Awaited<ReturnType<typeof loginAll>>

  const openId = uuidv7()
  const endedId = uuidv7()
  const draftId = uuidv7()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, [
      'county',
      'department',
      'otherDepartment',
      'township',
      'gridWorker',
      'otherVillageGridWorker',
      'villageCadre',
    ])
    const department = as('department')
    const consultation = (id: string, fields: Record<string, unknown>) =>
      pushApplied(
        server.app,
        department,
        mutation(CONSULTATION, id, 'create', {
          ...sampleConsultation({ department: PATHS.dept1, concerns: [PATHS.t1], ...fields }),
        }),
      )
    // Open now, for 30 days.
    await consultation(openId, { opensOn: TODAY, closesOn: addCalendarDays(TODAY, 30) })
    await pushApplied(server.app, department, mutation(CONSULTATION, openId, 'open', {}))
    // Opened, but its period has ended.
    await consultation(endedId, {
      type: 'major_decision',
      opensOn: addCalendarDays(TODAY, -60),
      closesOn: addCalendarDays(TODAY, -20),
    })
    await pushApplied(server.app, department, mutation(CONSULTATION, endedId, 'open', {}))
    // Never opened.
    await consultation(draftId, { opensOn: TODAY, closesOn: addCalendarDays(TODAY, 30) })
  })
  afterAll(() => server.close())

  const opinionBody = (text: string, fields: Record<string, unknown> = {}) => ({
    text,
    villagePath: PATHS.v1,
    name: '王大爷',
    phone: '13812345678',
    ...fields,
  })

  function sendOpinion(id: string, body: Record<string, unknown>, remoteAddress = '10.1.0.1') {
    return server.app.inject({
      method: 'POST',
      url: `/api/public/consultations/${id}/opinions`,
      payload: body,
      remoteAddress,
    })
  }

  function lookup(code: string, remoteAddress = '10.2.0.1') {
    return server.app.inject({
      method: 'POST',
      url: '/api/public/opinions/lookup',
      payload: { code },
      remoteAddress,
    })
  }

  const publicPage = async (id: string) => {
    const response = await server.app.inject({ url: `/api/public/consultations/${id}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json<PublicConsultation>()
  }

  /** The stored public opinions whose text is `text`. */
  async function storedOpinions(text: string) {
    const rows = await server.database.db
      .selectFrom('sync_record')
      .select(['id', 'data'])
      .where('kind', '=', OPINION)
      .execute()
    return rows
      .map((row) => ({ id: row.id, data: JSON.parse(row.data) as Record<string, unknown> }))
      .filter((row) => row.data.text === text)
  }

  describe('opinions from the public page', () => {
    let trackingCode = ''
    const text = '建议把助餐点设在村委会旁边，方便腿脚不好的老人。'

    it('takes an opinion without an account and gives an unguessable tracking code', async () => {
      const response = await sendOpinion(openId, opinionBody(text))
      expect(response.statusCode, response.body).toBe(201)
      trackingCode = response.json<{ trackingCode: string }>().trackingCode
      expect(trackingCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/)
      const [stored, ...more] = await storedOpinions(text)
      expect(more).toEqual([])
      expect(stored?.data).toMatchObject({
        channel: 'public',
        consultationId: openId,
        department: PATHS.dept1,
        villagePath: PATHS.v1,
        resident: { name: '王大爷', phone: '13812345678' },
      })
      // Only the code's hash is kept, and not as the code.
      const codeFree = JSON.stringify(stored?.data)
      expect(codeFree).not.toContain(normalizeTrackingCode(trackingCode) ?? '?')
      expect(await countRows(server.database, 'opinion_tracking')).toBeGreaterThan(0)
    })

    it('lets the department and the village see the person, the village’s grids the opinion masked, no one else', async () => {
      const seen = async (person: Parameters<typeof as>[0]) => {
        const replica = await new Replica(server.app, as(person)).sync()
        return [...replica.records.values()].find(
          (record) => record.kind === OPINION && record.data.text === text,
        )?.data
      }
      expect((await seen('department'))?.resident).toEqual({ name: '王大爷', phone: '13812345678' })
      expect((await seen('villageCadre'))?.resident).toEqual({
        name: '王大爷',
        phone: '13812345678',
      })
      const grid = await seen('gridWorker')
      expect(grid?.text).toBe(text)
      expect(JSON.stringify(grid?.resident)).not.toContain('13812345678')
      expect(JSON.stringify(grid?.resident)).not.toContain('王大爷')
      expect(grid?.trackingHash).toBeNull()
      expect(await seen('otherVillageGridWorker')).toBeUndefined()
      expect(await seen('otherDepartment')).toBeUndefined()
    })

    it('refuses a consultation whose period has ended, and hides one never opened', async () => {
      const ended = await sendOpinion(endedId, opinionBody('期满后的意见'), '10.1.0.2')
      expect(ended.statusCode).toBe(409)
      expect(ended.json<{ code: string }>().code).toBe('consultation_closed')
      const draft = await sendOpinion(draftId, opinionBody('草稿的意见'), '10.1.0.2')
      expect(draft.statusCode).toBe(404)
      expect(
        (await server.app.inject({ url: `/api/public/consultations/${draftId}` })).statusCode,
      ).toBe(404)
      expect(await storedOpinions('期满后的意见')).toEqual([])
      expect(await storedOpinions('草稿的意见')).toEqual([])
    })

    it('refuses spam: the same words twice from one address, over-long text, a village not concerned; drops a filled honeypot', async () => {
      const from = '10.1.0.3'
      const words = '希望补贴标准每年公布一次。'
      expect((await sendOpinion(openId, opinionBody(words), from)).statusCode).toBe(201)
      const again = await sendOpinion(openId, opinionBody(` ${words}\n`, { name: '' }), from)
      expect(again.statusCode).toBe(409)
      expect(again.json<{ code: string; message: string }>()).toMatchObject({
        code: 'duplicate_opinion',
        message: '这条意见已经提交过了，请勿重复提交',
      })
      // Another address may say the same.
      expect((await sendOpinion(openId, opinionBody(words), '10.1.0.4')).statusCode).toBe(201)
      const long = await sendOpinion(openId, opinionBody('长'.repeat(1001)), from)
      expect(long.statusCode).toBe(400)
      const elsewhere = await sendOpinion(
        openId,
        opinionBody('别的乡镇的意见', { villagePath: '/demo-county/demo-t2/demo-t2-v1/' }),
        from,
      )
      expect(elsewhere.statusCode).toBe(400)
      expect(elsewhere.json<{ message: string }>().message).toBe('请选择本次征求意见涉及的村社')
      const robot = await sendOpinion(
        openId,
        opinionBody('机器人填写的广告', { website: 'http://spam.example' }),
        from,
      )
      expect(robot.statusCode).toBe(201)
      expect(robot.json<{ trackingCode: string }>().trackingCode).toMatch(/^\w{4}-\w{4}-\w{4}$/)
      expect(await storedOpinions('机器人填写的广告')).toEqual([])
      expect(await storedOpinions('别的乡镇的意见')).toEqual([])
    })

    it('shows the person the answer by the tracking code, and nothing else', async () => {
      const [stored] = await storedOpinions(text)
      await pushApplied(
        server.app,
        as('department'),
        mutation(OPINION, stored?.id ?? '', 'answer', {
          verdict: 'not_adopted',
          reason: '村委会旁无合适场地，助餐点设在村卫生室旁。',
        }),
      )
      const response = await lookup(trackingCode.toLowerCase().replace(/-/g, ' '))
      expect(response.statusCode, response.body).toBe(200)
      const tracked = response.json<TrackedOpinion>()
      expect(tracked).toMatchObject({
        consultationId: openId,
        text,
        answer: { verdict: 'not_adopted', reason: '村委会旁无合适场地，助餐点设在村卫生室旁。' },
      })
      expect(Object.keys(tracked).sort()).toEqual([
        'answer',
        'answersDueOn',
        'consultationId',
        'consultationTitle',
        'listing',
        'submittedOn',
        'text',
      ])
      // On no livelihood item (#16.1: livelihood-opinion.test.ts follows one that is).
      expect(tracked.listing).toBeNull()
      const body = response.body
      for (const secret of ['王大爷', '13812345678', 'demo-t1', '希望补贴标准']) {
        expect(body).not.toContain(secret)
      }
    })

    it('checks at most the limit of 30 parallel wrong tracking codes from one address', async () => {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          lookup(`ABCD-EFGH-${String(2000 + i).replace(/[01]/g, '2')}`, '10.2.0.9'),
        ),
      )
      const counts: Record<number, number> = {}
      for (const { statusCode } of answers) counts[statusCode] = (counts[statusCode] ?? 0) + 1
      expect(counts).toEqual({ 404: MAX_BAD_CODES_PER_IP, 429: 30 - MAX_BAD_CODES_PER_IP })
      expect((await lookup(trackingCode, '10.2.0.9')).statusCode).toBe(429)
    })

    it('shows the answered opinions on the public page without any personal data', async () => {
      const page = await publicPage(openId)
      expect(page.isOpen).toBe(true)
      const all = await server.database.db
        .selectFrom('sync_record')
        .select('id')
        .where('kind', '=', OPINION)
        .where('data', 'like', `%"consultationId":"${openId}"%`)
        .execute()
      expect(page.opinionCount).toBe(all.length)
      expect(page.answered).toEqual([
        {
          text,
          channel: 'public',
          townshipName: '柳河镇说事处（演示）',
          answer: {
            verdict: 'not_adopted',
            reason: '村委会旁无合适场地，助餐点设在村卫生室旁。',
            answeredOn: TODAY,
          },
        },
      ])
      const body = JSON.stringify(page)
      for (const secret of ['王大爷', '13812345678', 'trackingHash', 'resident', 'unitPath']) {
        expect(body).not.toContain(secret)
      }
      // The township, never the village, of an opinion (the villages to choose from are listed apart).
      expect(JSON.stringify(page.answered)).not.toContain('柳河村')
      // Unanswered opinions are counted, not shown.
      expect(page.opinionCount).toBeGreaterThan(page.answered.length)
      expect(body).not.toContain('希望补贴标准')
    })

    it('publishes the result and implementation plan once decided', async () => {
      const department = as('department')
      for (const op of ['close', 'submit_for_review'] as const) {
        await pushApplied(server.app, department, mutation(CONSULTATION, endedId, op, {}))
      }
      await pushApplied(
        server.app,
        department,
        mutation(CONSULTATION, endedId, 'decide', {
          result: '县政府常务会议审议通过。',
          implementationPlan: '自下月起在各乡镇分批实施。',
        }),
      )
      const page = await publicPage(endedId)
      expect(page.decision).toEqual({
        result: '县政府常务会议审议通过。',
        implementationPlan: '自下月起在各乡镇分批实施。',
      })
      expect(page.isOpen).toBe(false)
    })
  })

  describe('the per-address limit under a parallel burst', () => {
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity })
    let second: Awaited<ReturnType<typeof buildApp>> | null = null
    let secondDatabase: Database | null = null
    afterAll(async () => {
      agent.destroy()
      await second?.close()
      // On SQLite the second server shares the first one's handle, which the first closes.
      if (dialect === 'postgres') await secondDatabase?.close()
    })

    function post(origin: string, body: unknown, from: string): Promise<number> {
      const payload = JSON.stringify(body)
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          `${origin}/api/public/consultations/${openId}/opinions`,
          {
            method: 'POST',
            agent,
            localAddress: from,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
            },
          },
          (res) => {
            res.resume()
            res.on('end', () => resolve(res.statusCode ?? 0))
          },
        )
        req.on('error', reject)
        req.end(payload)
      })
    }

    it('stores at most the limit of 80 parallel opinions from one address, split over two server processes', async () => {
      // A second server on the same database, as a second process would run
      // (its own pool on PostgreSQL; SQLite is served by one process, one handle).
      secondDatabase =
        dialect === 'postgres' && server.databaseUrl
          ? openDatabase({ databaseUrl: server.databaseUrl })
          : server.database
      second = await buildApp({
        config: loadConfig({
          STATIC_DIR: join(tmpdir(), `shuoshi-no-static-${randomBytes(6).toString('hex')}`),
          SEED_DEMO: 'false',
          BALLOT_SECRET: randomBytes(32).toString('hex'),
          LOAD_SHED_LAG_MS: '0',
        }),
        database: secondDatabase,
        logger: false,
      })
      const origins = [
        await server.app.listen({ host: '127.0.0.1', port: 0 }),
        await second.listen({ host: '127.0.0.1', port: 0 }),
      ]
      const from = '127.0.0.7'
      const before = await countRows(server.database, 'opinion_tracking')
      const statuses = await Promise.all(
        Array.from({ length: 80 }, (_, i) =>
          post(origins[i % 2] ?? '', opinionBody(`并发意见第${i}条`, { name: '' }), from),
        ),
      )
      const counts: Record<number, number> = {}
      for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1
      console.info(`[${dialect}] 80 parallel public opinions: ${JSON.stringify(counts)}`)
      expect(counts).toEqual({ 201: MAX_OPINIONS_PER_IP, 429: 80 - MAX_OPINIONS_PER_IP })
      expect((await countRows(server.database, 'opinion_tracking')) - before).toBe(
        MAX_OPINIONS_PER_IP,
      )
    })
  })

  describe("the county's consultation clocks", () => {
    it('refuses opening a consultation shorter than the county minimum, and fixes its answer days', async () => {
      const strict = await createTestServer(dialect, {
        env: { CONSULTATION_MIN_DAYS: '45', CONSULTATION_ANSWER_DAYS: '5' },
      })
      try {
        const cookie = await strict.login(PHONES.department)
        const id = uuidv7()
        const create = (closesOn: string) =>
          pushApplied(
            strict.app,
            cookie,
            mutation(CONSULTATION, id, 'create', {
              ...sampleConsultation({
                department: PATHS.dept1,
                concerns: [PATHS.t1],
                opensOn: TODAY,
                closesOn,
              }),
            }),
          )
        await create(addCalendarDays(TODAY, 30))
        const refused = await pushOne(strict.app, cookie, mutation(CONSULTATION, id, 'open', {}))
        expect(refused).toMatchObject({ status: 'rejected', code: 'period_too_short' })
        expect(refused.status === 'rejected' && refused.message).toContain('45')
        const longer = uuidv7()
        const closesOn = addCalendarDays(TODAY, 45)
        await pushApplied(
          strict.app,
          cookie,
          mutation(CONSULTATION, longer, 'create', {
            ...sampleConsultation({
              department: PATHS.dept1,
              concerns: [PATHS.t1],
              opensOn: TODAY,
              closesOn,
            }),
          }),
        )
        const opened = await pushApplied(
          strict.app,
          cookie,
          mutation(CONSULTATION, longer, 'open', {}),
        )
        expect(opened.data.answersDue).toEqual(addWorkingDays(closesOn, 5))
      } finally {
        await strict.close()
      }
    })
  })

  const publicCatalogues = async (year: number) => {
    const response = await server.app.inject({ url: `/api/public/catalogues/${year}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json<PublicCatalogues>()
  }

  describe('the yearly participation catalogue', () => {
    const catalogueId = uuidv7()
    const entries = [
      { id: 'e1', title: '停车收费管理办法', department: PATHS.dept1, plannedQuarter: 1 },
      { id: 'e2', title: '养老服务补贴细则', department: PATHS.dept2, plannedQuarter: 3 },
    ]

    it('is public only once county staff publish it, without an account', async () => {
      await pushApplied(
        server.app,
        as('county'),
        mutation(CATALOGUE, catalogueId, 'create', { year: 2025, entries }),
      )
      expect((await publicCatalogues(2025)).catalogues).toEqual([])
      await pushApplied(server.app, as('county'), mutation(CATALOGUE, catalogueId, 'publish', {}))
      const [catalogue] = (await publicCatalogues(2025)).catalogues
      expect(catalogue?.entries.map((entry) => [entry.title, entry.plannedQuarter])).toEqual([
        ['停车收费管理办法', 1],
        ['养老服务补贴细则', 3],
      ])
      // Names, never paths or who compiled it.
      expect(JSON.stringify(catalogue)).not.toContain('/demo-county/')
    })

    it('refuses a department or a township compiling a catalogue, and a second one for the year', async () => {
      for (const person of ['department', 'township'] as const) {
        const result = await pushOne(
          server.app,
          as(person),
          mutation(CATALOGUE, uuidv7(), 'create', { year: 2027, entries }),
        )
        expect(result).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
      }
      const twin = await pushOne(
        server.app,
        as('county'),
        mutation(CATALOGUE, uuidv7(), 'create', { year: 2025, entries: [] }),
      )
      expect(twin).toMatchObject({ status: 'rejected', code: 'duplicate_catalogue' })
    })

    it('shows an entry overdue once its quarter ended without a consultation, and counts it for its department', async () => {
      const [catalogue] = (await publicCatalogues(2025)).catalogues
      expect(catalogue?.entries.map((entry) => entry.status)).toEqual(['overdue', 'overdue'])
      expect(catalogue?.overdue).toBe(2)
      const overdueFor = async (person: 'county' | 'department' | 'township') => {
        const response = await server.app.inject({
          url: '/api/consultation/catalogues/2025/overdue',
          headers: { cookie: as(person) },
        })
        expect(response.statusCode, response.body).toBe(200)
        return response.json<{ overdue: number }>().overdue
      }
      expect(await overdueFor('county')).toBe(2)
      expect(await overdueFor('department')).toBe(1)
      expect(await overdueFor('township')).toBe(0)
      const anonymous = await server.app.inject({
        url: '/api/consultation/catalogues/2025/overdue',
      })
      expect(anonymous.statusCode).toBe(401)
    })

    it('is seeded for the demo county: published, one entry opened, the first-quarter one overdue from April', async () => {
      await seedDemoConsultation(server.database, defaultKinds)
      expect(await seedDemoCatalogue(server.database, defaultKinds)).toBe(true)
      const year = Number(TODAY.slice(0, 4))
      const [catalogue] = (await publicCatalogues(year)).catalogues
      expect(catalogue?.entries.map((entry) => entry.status)).toEqual([
        entryStatus({ plannedQuarter: 1 }, year, null, TODAY),
        'opened',
        'planned',
      ])
      expect(catalogue?.entries[1]?.consultationId).toBe(DEMO_CONSULTATION_ID)
    })

    it('answers a year out of range with a Chinese reason, not a 500', async () => {
      const response = await server.app.inject({ url: '/api/public/catalogues/99999' })
      expect(response.statusCode).toBe(400)
      expect(response.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fff]/)
    })
  })
})
