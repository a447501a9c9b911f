import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { addCalendarDays } from '#shared/consultation/consultation.rules.ts'
import { UNANSWERED_MESSAGE } from '#shared/consultation/consultation.machine.ts'
import { adoptionReportSchema } from '#shared/consultation/consultation.api.ts'
import { freshDocumentNumber, policyPayload } from '../support/assessment-fixtures.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { loginAll, push, pushApplied, pushOne, Replica } from '../support/sync-client.ts'
import { kindMutation as mutation } from '../support/memo-kind.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const T3 = '/demo-county/demo-t3/'
const today = chinaDate(new Date().toISOString())
const heardOn = addCalendarDays(today, -2)

/** A consultation whose period ended yesterday (registered late: opensOn in the past). */
function consultationPayload(overrides: Record<string, unknown> = {}) {
  return {
    title: '农村老年助餐补贴办法（征求意见稿）',
    type: 'normative_document',
    domain: 'elderly_care',
    department: PATHS.dept1,
    background: '留守老人吃饭难。',
    basis: '《老年人权益保障法》',
    draftText: '第一条 为保障农村老年人就餐，制定本办法。',
    concerns: [PATHS.t1, T3],
    opensOn: addCalendarDays(today, -40),
    closesOn: addCalendarDays(today, -1),
    ...overrides,
  }
}

function opinionPayload(consultationId: string, text: string, overrides = {}) {
  return {
    consultationId,
    department: PATHS.dept1,
    channel: 'hearing',
    heardOn,
    text,
    resident: { name: '李大娘', phone: '13812341234' },
    ...overrides,
  }
}

describe.each(DIALECTS)('consultation on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string
  const consultationId = uuidv7()
  const opinions = { t1: uuidv7(), t3: uuidv7(), cadre: uuidv7() }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, [
      'department',
      'otherDepartment',
      'gridWorker',
      'villageCadre',
      'thirdTownshipGridWorker',
      'otherTownshipGridWorker',
      'township',
      'county',
    ])
    await pushApplied(
      server.app,
      as('department'),
      mutation('consultation', consultationId, 'create', consultationPayload()),
    )
  })
  afterAll(() => server.close())

  async function seen(person: Person, kind: string): Promise<Record<string, unknown>[]> {
    const replica = await new Replica(server.app, as(person)).sync()
    return [...replica.records.values()]
      .filter((record) => record.kind === kind)
      .map((record) => ({ id: record.id, ...record.data }))
  }

  function act(person: Person, op: string, payload: Record<string, unknown> = {}) {
    return pushOne(server.app, as(person), mutation('consultation', consultationId, op, payload))
  }

  it('keeps a draft with the department: no grid worker sees it or can add to it', async () => {
    expect((await seen('gridWorker', 'consultation')).map((c) => c.id)).not.toContain(
      consultationId,
    )
    const result = await pushOne(
      server.app,
      as('gridWorker'),
      mutation('opinion', uuidv7(), 'create', opinionPayload(consultationId, '草稿期的意见')),
    )
    expect(result).toMatchObject({ status: 'rejected', code: 'unknown_consultation' })
  })

  it('refuses a period shorter than thirty days with a Chinese reason', async () => {
    const id = uuidv7()
    await pushApplied(
      server.app,
      as('department'),
      mutation(
        'consultation',
        id,
        'create',
        consultationPayload({ opensOn: today, closesOn: today }),
      ),
    )
    const result = await pushOne(
      server.app,
      as('department'),
      mutation('consultation', id, 'open', {}),
    )
    expect(result).toMatchObject({ status: 'rejected', code: 'period_too_short' })
    expect(result.status === 'rejected' && result.message).toContain('不少于30日')
  })

  it('opens to the concerned townships, whose grid workers transcribe opinions offline', async () => {
    expect(await act('department', 'open')).toMatchObject({ status: 'applied' })
    const results = await Promise.all([
      pushOne(
        server.app,
        as('gridWorker'),
        mutation('opinion', opinions.t1, 'create', opinionPayload(consultationId, '年龄降到65岁')),
      ),
      pushOne(
        server.app,
        as('thirdTownshipGridWorker'),
        mutation('opinion', opinions.t3, 'create', opinionPayload(consultationId, '送餐上门')),
      ),
      pushOne(
        server.app,
        as('villageCadre'),
        mutation('opinion', opinions.cadre, 'create', {
          ...opinionPayload(consultationId, '补贴按月发放'),
          channel: 'visit',
          resident: null,
        }),
      ),
    ])
    expect(results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied'])
    const refused = await pushOne(
      server.app,
      as('otherTownshipGridWorker'),
      mutation('opinion', uuidv7(), 'create', opinionPayload(consultationId, '不涉及的乡镇')),
    )
    expect(refused).toMatchObject({ status: 'rejected', code: 'unknown_consultation' })
  })

  it('places an opinion at its author’s unit, whatever the device claimed', async () => {
    const result = await pushOne(
      server.app,
      as('gridWorker'),
      mutation('opinion', uuidv7(), 'create', {
        ...opinionPayload(consultationId, '冒充别村'),
        villagePath: PATHS.v2,
      }),
    )
    expect(result).toMatchObject({ status: 'rejected', code: 'invalid_payload' })
  })

  it('shows a township its own villages’ opinions only, the person masked', async () => {
    const township = await seen('township', 'opinion')
    expect(township.map((o) => o.id).sort()).toEqual([opinions.t1, opinions.cadre].sort())
    expect(township.find((o) => o.id === opinions.t1)?.resident).toEqual({
      name: '李**',
      phone: '138****1234',
    })
  })

  it('shows the department every opinion of its consultation with the person, and no other department any', async () => {
    const department = await seen('department', 'opinion')
    expect(department.map((o) => o.id).sort()).toEqual(Object.values(opinions).sort())
    expect(department.find((o) => o.id === opinions.t1)?.resident).toEqual({
      name: '李大娘',
      phone: '13812341234',
    })
    expect(await seen('otherDepartment', 'opinion')).toEqual([])
  })

  it('refuses review while open, then while an opinion is unanswered', async () => {
    expect(await act('department', 'submit_for_review')).toMatchObject({
      status: 'rejected',
      code: 'review_gate',
      message: '征求意见尚未结束，不能提交集体审议',
    })
    expect(await act('department', 'close')).toMatchObject({ status: 'applied' })
    expect(await act('department', 'submit_for_review')).toMatchObject({
      status: 'rejected',
      code: 'review_gate',
      message: UNANSWERED_MESSAGE,
    })
  })

  it('needs a reason for an opinion not adopted, and the department to give it', async () => {
    const answer = (person: Person, id: string, payload: Record<string, unknown>) =>
      pushOne(server.app, as(person), mutation('opinion', id, 'answer', payload))
    expect(await answer('department', opinions.t1, { verdict: 'not_adopted' })).toMatchObject({
      status: 'rejected',
      message: '未完全采纳的意见须说明理由',
    })
    expect(await answer('otherDepartment', opinions.t1, { verdict: 'adopted' })).toMatchObject({
      status: 'rejected',
    })
    const results = await push(server.app, as('department'), [
      mutation('opinion', opinions.t1, 'answer', {
        verdict: 'not_adopted',
        reason: '县级财力暂不能覆盖65岁以上，三年后评估再议',
      }),
      mutation('opinion', opinions.t3, 'answer', { verdict: 'adopted' }),
    ])
    expect(results.map((result) => result.status)).toEqual(['applied', 'applied'])
    // One still unanswered: the gate holds.
    expect(await act('department', 'submit_for_review')).toMatchObject({ code: 'review_gate' })
    await pushApplied(
      server.app,
      as('department'),
      mutation('opinion', opinions.cadre, 'answer', {
        verdict: 'already_provided',
        reason: '第三条已规定',
      }),
    )
  })

  it('shows the answer to the grid where the opinion was heard', async () => {
    const grid = await seen('gridWorker', 'opinion')
    expect(grid.find((o) => o.id === opinions.t1)?.answer).toMatchObject({
      verdict: 'not_adopted',
      reason: '县级财力暂不能覆盖65岁以上，三年后评估再议',
    })
  })

  it('reports the summary to the department and the county only, without the person', async () => {
    const report = (person: Person) =>
      server.app.inject({
        method: 'GET',
        url: `/api/consultations/${consultationId}/report`,
        headers: { cookie: as(person) },
      })
    const response = await report('department')
    expect(response.statusCode, response.body).toBe(200)
    const body = adoptionReportSchema.parse(response.json())
    expect(body.summary).toMatchObject({ total: 3, answered: 3, adoptionRate: 1 / 3 })
    expect(body.summary.byChannel).toMatchObject({ hearing: 2, visit: 1 })
    expect(response.body).not.toContain('13812341234')
    expect(response.body).not.toContain('李大娘')
    expect((await report('county')).statusCode).toBe(200)
    for (const person of ['township', 'otherDepartment', 'gridWorker'] as const) {
      expect((await report(person)).statusCode, person).toBe(403)
    }
  })

  it('lets the consultation through the gate once all are answered, then takes no more opinions', async () => {
    expect(await act('department', 'submit_for_review')).toMatchObject({ status: 'applied' })
    const late = await pushOne(
      server.app,
      as('gridWorker'),
      mutation('opinion', uuidv7(), 'create', opinionPayload(consultationId, '迟到的意见')),
    )
    expect(late).toMatchObject({ status: 'rejected', code: 'not_receiving' })
    const reanswer = await pushOne(
      server.app,
      as('department'),
      mutation('opinion', opinions.t3, 'answer', { verdict: 'partly_adopted', reason: '改' }),
    )
    expect(reanswer).toMatchObject({ status: 'rejected', code: 'answers_frozen' })
  })

  it('registers the decided document as a policy with its interpretation clock, linked back', async () => {
    const policyId = uuidv7()
    const results = await push(server.app, as('department'), [
      mutation(
        'policy',
        policyId,
        'create',
        policyPayload({
          documentNumber: freshDocumentNumber(),
          issueDate: today,
          consultationId,
        }),
      ),
      mutation('consultation', consultationId, 'decide', {
        result: '县政府常务会议审议通过',
        implementationPlan: '自印发之日起施行，县民政局按季度拨付。',
        policyId,
      }),
    ])
    expect(results.map((result) => result.status)).toEqual(['applied', 'applied'])
    const policy = results[0]?.record?.data
    expect(policy).toMatchObject({ consultationId })
    expect(policy?.interpretationDeadline).toMatchObject({ date: expect.any(String) })
  })

  it('refuses a policy that names a consultation not yet reviewed', async () => {
    const draft = uuidv7()
    await pushApplied(
      server.app,
      as('department'),
      mutation('consultation', draft, 'create', consultationPayload()),
    )
    const result = await pushOne(
      server.app,
      as('department'),
      mutation(
        'policy',
        uuidv7(),
        'create',
        policyPayload({ documentNumber: freshDocumentNumber(), consultationId: draft }),
      ),
    )
    expect(result).toMatchObject({ status: 'rejected', code: 'consultation_mismatch' })
  })

  it('lets an exempt draft go to review with its reason and approver, never shown to the villages', async () => {
    const id = uuidv7()
    const step = (op: string, payload: Record<string, unknown> = {}) =>
      pushOne(server.app, as('department'), mutation('consultation', id, op, payload))
    await pushApplied(
      server.app,
      as('department'),
      mutation('consultation', id, 'create', consultationPayload({ title: '防汛临时安置办法' })),
    )
    expect(await step('submit_for_review')).toMatchObject({ code: 'review_gate' })
    expect(
      await step('exempt', { ground: 'urgent', reason: '汛期安置', approver: '' }),
    ).toMatchObject({ status: 'rejected', code: 'invalid_payload' })
    expect(
      await step('exempt', {
        ground: 'urgent',
        reason: '汛期群众安置须立即实施',
        approver: '县长 张某',
      }),
    ).toMatchObject({ status: 'applied' })
    expect(await step('submit_for_review')).toMatchObject({ status: 'applied' })
    expect((await seen('gridWorker', 'consultation')).map((c) => c.id)).not.toContain(id)
  })
})
