import type { CodeSheet } from '#shared/assessment/assessment.api.ts'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { seedDemoAssessment } from '#server/assessment/assessment.seed.ts'
import { MAX_BAD_CODES_PER_IP } from '#server/ballot/ballot-guard.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import {
  campaignPayload,
  DIBAO_POLICY,
  freshDocumentNumber,
  policyPayload,
} from '../support/assessment-fixtures.ts'
import { PATHS } from '../support/demo-county.ts'
import { loginAll, push, pushApplied, pushOne, pullRaw, Replica } from '../support/sync-client.ts'
import { kindMutation as mutation } from '../support/memo-kind.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const V3 = '/demo-county/demo-t2/demo-t2-v1/'

function answers(satisfaction: number, villagePath: string = PATHS.v1) {
  return {
    villagePath,
    scores: { effect: 2, satisfaction, operability: 3, reasonableness: 3 },
    shortcomings: satisfaction < 3 ? '材料太多' : '',
    risks: '',
    suggestions: '减少证明材料',
  }
}

describe.each(DIALECTS)('assessment on %s', (dialect) => {
  let server: TestServer
  let as: Awaited<ReturnType<typeof loginAll>>
  const policyId = uuidv7()
  const campaignId = uuidv7()
  const today = chinaDate(new Date().toISOString())

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, [
      'gridWorker',
      'villageCadre',
      'siblingVillageCadre',
      'otherTownshipGridWorker',
      'county',
      'department',
    ])
    await pushApplied(
      server.app,
      as('department'),
      mutation('policy', policyId, 'create', policyPayload()),
    )
    await pushApplied(
      server.app,
      as('county'),
      mutation(
        'assessment_campaign',
        campaignId,
        'create',
        campaignPayload(policyId, {
          // The day the assertions below expect, should China's midnight fall in between.
          opensOn: today,
          closesOn: today,
          rule: { minResponses: 5, satisfiedShareBelow: 0.6, concernShareAtLeast: 0.9 },
        }),
      ),
    )
  })
  afterAll(() => server.close())

  async function codeSheet(cookie: string, count: number) {
    return server.app.inject({
      method: 'POST',
      url: `/api/assessment/campaigns/${campaignId}/codes`,
      headers: { cookie },
      payload: { count },
    })
  }

  function ballot(code: string, body: Record<string, unknown> = {}, remoteAddress = '10.0.0.1') {
    return server.app.inject({
      method: 'POST',
      url: `/api/public/campaigns/${campaignId}/ballots`,
      remoteAddress,
      payload: { code, answers: answers(5), ...body },
    })
  }

  async function forms() {
    return server.database.db
      .selectFrom('sync_record')
      .select(['id', 'data'])
      .where('kind', '=', 'assessment_form')
      .execute()
  }

  it.each(['policy', 'assessment_campaign'])(
    'refuses a %s whose issuing department is a township, changing nothing',
    async (kind) => {
      const result = await pushOne(
        server.app,
        as('county'),
        mutation(kind, uuidv7(), 'create', {
          title: '某办法',
          documentNumber: '清发〔2026〕1号',
          issuingDepartment: PATHS.t1,
          issueDate: today,
          summary: '摘要',
          domains: ['other'],
          concerns: [PATHS.t1],
          policyId,
          policyTitle: '某办法',
          villages: [PATHS.v1],
          grids: [PATHS.g1],
          opensOn: today,
          closesOn: today,
        }),
      )
      expect(result).toMatchObject({
        status: 'rejected',
        code: 'unknown_department',
        message: '所选起草部门不是本县的县级部门',
      })
    },
  )

  it('refuses a second policy with the same 文号, however it is typed, storing nothing', async () => {
    const count = async () =>
      (
        await server.database.db
          .selectFrom('sync_record')
          .select('key')
          .where('kind', '=', 'policy')
          .execute()
      ).length
    const before = await count()
    const result = await pushOne(
      server.app,
      as('county'),
      mutation('policy', uuidv7(), 'create', {
        title: '农村低保动态管理办法（修订）',
        documentNumber: ' 清民发[2026] 3号',
        issuingDepartment: PATHS.dept1,
        issueDate: '2026-03-01',
        summary: '重复登记的同一文件',
        domains: ['social_security'],
        concerns: [PATHS.t1],
      }),
    )
    expect(result).toMatchObject({ status: 'rejected', code: 'duplicate_document_number' })
    expect(result.status === 'rejected' && result.message).toContain('已有政策登记')
    expect(await count()).toBe(before)
  })

  it('lets exactly one of a burst of parallel pushes with one 文号 land', async () => {
    // Eight devices registering the same document in the same instant: on
    // PostgreSQL their transactions run side by side, so a check that only
    // reads would let several through.
    const documentNumber = freshDocumentNumber()
    const ids = Array.from({ length: 8 }, () => uuidv7())
    const results = await Promise.all(
      ids.map((id) =>
        pushOne(
          server.app,
          as('department'),
          mutation('policy', id, 'create', policyPayload({ documentNumber })),
        ),
      ),
    )
    const statuses = results.map((result) =>
      result.status === 'rejected' ? result.code : result.status,
    )
    expect(statuses.filter((status) => status === 'applied')).toHaveLength(1)
    expect(statuses.filter((status) => status === 'duplicate_document_number')).toHaveLength(7)
    const stored = await server.database.db
      .selectFrom('sync_record')
      .select('id')
      .where('kind', '=', 'policy')
      .where('id', 'in', ids)
      .execute()
    expect(stored).toHaveLength(1)
  })

  it('computes the interpretation deadline across the Spring Festival on the server', async () => {
    const replica = await new Replica(server.app, as('department')).sync()
    const policy = replica.records.get(policyId)
    expect(policy?.data.interpretationDeadline).toEqual({ date: '2026-03-12', isEstimate: false })
  })

  it('shows the campaign to anyone with its link, and nothing else', async () => {
    const response = await server.app.inject({ url: `/api/public/campaigns/${campaignId}` })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      id: campaignId,
      policyTitle: DIBAO_POLICY.title,
      documentNumber: DIBAO_POLICY.documentNumber,
      summary: DIBAO_POLICY.summary,
      issuingDepartmentName: '县民政局（演示）',
      villages: [
        { path: PATHS.v1, name: '柳河村说事站（演示）' },
        { path: PATHS.v2, name: '杏花村说事站（演示）' },
      ],
      opensOn: today,
      closesOn: today,
      isOpen: true,
    })
    expect((await pullRaw(server.app, null)).statusCode).toBe(401)
    const counts = await server.app.inject({ url: `/api/assessment/campaigns/${campaignId}/codes` })
    expect(counts.statusCode).toBe(401)
    const unknown = await server.app.inject({ url: `/api/public/campaigns/${uuidv7()}` })
    expect(unknown.statusCode).toBe(404)
  })

  it('reaches the grid workers of its villages, who transcribe paper forms', async () => {
    const grid = await new Replica(server.app, as('gridWorker')).sync()
    expect(grid.ids()).toContain(campaignId)
    const elsewhere = await new Replica(server.app, as('otherTownshipGridWorker')).sync()
    expect(elsewhere.ids()).not.toContain(campaignId)
  })

  it('prints code sheets for the campaign’s cadres and the county only', async () => {
    expect((await codeSheet(as('gridWorker'), 5)).statusCode).toBe(403)
    expect((await codeSheet(as('otherTownshipGridWorker'), 5)).statusCode).toBe(403)
    const sheet = await codeSheet(as('villageCadre'), 3)
    expect(sheet.statusCode).toBe(201)
    expect(sheet.json<CodeSheet>().codes.map((entry) => entry.code)).toHaveLength(3)
    expect((await codeSheet(as('villageCadre'), 501)).statusCode).toBe(400)
  })

  it('records a self-service form without an account, once per code', async () => {
    const codes = (await codeSheet(as('villageCadre'), 2))
      .json<CodeSheet>()
      .codes.map((entry) => entry.code)
    const [code = ''] = codes
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`
    const first = await ballot(typed)
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json()).toEqual({ status: 'recorded' })
    const again = await ballot(code)
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'ballot_code_invalid' })
    const stored = await forms()
    expect(stored).toHaveLength(1)
    expect(JSON.parse(stored[0]?.data ?? '{}')).toMatchObject({
      channel: 'self_service',
      status: 'submitted',
      recordedBy: 'system:public-ballot',
    })
    // The village's station pulls it like any record; the sibling village does not see it.
    const cadre = await new Replica(server.app, as('villageCadre')).sync()
    expect(cadre.ids()).toContain(stored[0]?.id)
    const sibling = await new Replica(server.app, as('siblingVillageCadre')).sync()
    expect(sibling.ids()).not.toContain(stored[0]?.id)
    const counts = await server.app.inject({
      url: `/api/assessment/campaigns/${campaignId}/codes`,
      headers: { cookie: as('villageCadre') },
    })
    expect(counts.json()).toEqual({ issued: 5, used: 1 })
  })

  it('refuses a form for a village outside the campaign without spending the code', async () => {
    const codes = (await codeSheet(as('villageCadre'), 1))
      .json<CodeSheet>()
      .codes.map((entry) => entry.code)
    const [code = ''] = codes
    const outside = await ballot(code, { answers: answers(5, V3) }, '10.0.0.2')
    expect(outside.statusCode).toBe(400)
    expect((await ballot(code, {}, '10.0.0.2')).statusCode).toBe(201)
  })

  it('rate-limits wrong codes per address, and other addresses still get through', async () => {
    for (let i = 0; i < MAX_BAD_CODES_PER_IP; i++) {
      expect((await ballot('ABCD-EFGH', {}, '10.0.0.9')).statusCode).toBe(409)
    }
    const blocked = await ballot('ABCD-EFGH', {}, '10.0.0.9')
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json()).toMatchObject({ code: 'too_many_ballots' })
    expect((await ballot('ABCD-EFGH', {}, '10.0.0.10')).statusCode).toBe(409)
  })

  it('counts assisted forms once when a batch is sent twice, then opens the post-evaluation once', async () => {
    const batch = [1, 2, 1, 2].map((satisfaction) =>
      mutation('assessment_form', uuidv7(), 'create', {
        ...answers(satisfaction),
        campaignId,
        issuingDepartment: PATHS.dept1,
        channel: 'assisted',
      }),
    )
    const results = await push(server.app, as('gridWorker'), batch)
    expect(results.map((result) => result.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ])
    const again = await push(server.app, as('gridWorker'), batch)
    expect(again.map((result) => result.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ])
    // 2 self-service + 4 assisted = 6 forms, 2 of them satisfied (33 % < 60 %).
    expect(await forms()).toHaveLength(6)
    const cases = await server.database.db
      .selectFrom('sync_record')
      .select(['id', 'data'])
      .where('kind', '=', 'post_evaluation')
      .execute()
    expect(cases).toHaveLength(1)
    expect(cases[0]?.id).toBe(campaignId)
    const data = JSON.parse(cases[0]?.data ?? '{}') as Record<string, unknown>
    expect(data).toMatchObject({
      status: 'open',
      finding: { responses: 6, reasons: ['low_satisfaction'] },
    })
    expect(data.formIds).toHaveLength(6)
  })

  it('lets only the issuing department conclude, and the stations see the conclusion', async () => {
    const conclude = mutation('post_evaluation', campaignId, 'conclude', {
      decision: 'adjust',
      reasons: '简化证明材料，下月修订。',
    })
    const [byCounty] = await push(server.app, as('county'), [conclude])
    expect(byCounty).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
    const record = await pushApplied(server.app, as('department'), { ...conclude, id: uuidv7() })
    expect(record.data).toMatchObject({ status: 'concluded', conclusion: { decision: 'adjust' } })
    const station = await new Replica(server.app, as('villageCadre')).sync()
    expect(station.records.get(campaignId)?.data).toMatchObject({
      conclusion: { decision: 'adjust', reasons: '简化证明材料，下月修订。' },
    })
  })

  it('never edits a submitted form; a withdrawal keeps it in the ledger', async () => {
    const [row] = await forms()
    if (!row) throw new Error('no form')
    const [edit] = await push(server.app, as('villageCadre'), [
      mutation('assessment_form', row.id, 'update', { scores: { satisfaction: 5 } }),
    ])
    expect(edit).toMatchObject({ status: 'rejected', code: 'immutable' })
    const withdrawn = await pushApplied(
      server.app,
      as('villageCadre'),
      mutation('assessment_form', row.id, 'withdraw', { reason: '重复填写' }),
    )
    expect(withdrawn.data).toMatchObject({
      status: 'withdrawn',
      withdrawal: { reason: '重复填写' },
    })
    expect(await forms()).toHaveLength(6)
  })

  it('seeds a demo policy and an open campaign, once however often it runs', async () => {
    const count = async (kind: string) =>
      (
        await server.database.db
          .selectFrom('sync_record')
          .select('key')
          .where('kind', '=', kind)
          .execute()
      ).length
    const before = [await count('policy'), await count('assessment_campaign')]
    expect(await seedDemoAssessment(server.database, defaultKinds)).toBe(true)
    expect(await seedDemoAssessment(server.database, defaultKinds)).toBe(true)
    expect([await count('policy'), await count('assessment_campaign')]).toEqual([
      (before[0] ?? 0) + 1,
      (before[1] ?? 0) + 1,
    ])
  })
})
