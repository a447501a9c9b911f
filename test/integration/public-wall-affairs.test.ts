/**
 * The 双公开 wall's affairs (issue #17.1) on the real server, on SQLite and
 * PostgreSQL: the policies concerning a station with their interpretation
 * sessions and their plain Q&A, the post-evaluation conclusions of its
 * villages and the consultations open to its residents, through an
 * allow-listed public answer with no personal field; another township's
 * wall does not show them.
 */
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { addCalendarDays } from '#shared/consultation/consultation.rules.ts'
import { sampleConsultation } from '#shared/consultation/consultation.fixtures.ts'
import type { PublicAffairs } from '#shared/disclosure/public-affairs.ts'
import { postEvaluationData, writeRecord } from '#server/supervision/record-builders.ts'
import { policyPayload } from '../support/assessment-fixtures.ts'
import { PATHS } from '../support/demo-county.ts'
import { personalFieldsIn } from '../support/personal-fields.ts'
import { kindMutation as mutation } from '../support/memo-kind.ts'
import { loginAll, pushApplied } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const TODAY = chinaDate(new Date().toISOString())

describe.each(DIALECTS)('the wall’s policies and consultations on %s', (dialect) => {
  let server: TestServer
  const policyId = uuidv7()
  const consultationId = uuidv7()
  const concludedId = uuidv7()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    const as = await loginAll(server, ['department'])
    await pushApplied(
      server.app,
      as('department'),
      mutation('policy', policyId, 'create', policyPayload({ issueDate: TODAY })),
    )
    await pushApplied(
      server.app,
      as('department'),
      mutation(
        'policy',
        policyId,
        'record_interpretation',
        {
          heldOn: TODAY,
          place: '柳河村便民服务站',
          interpreter: '张科长',
          attendance: 35,
          note: '王大爷问了补贴标准',
          qa: [{ question: '补贴什么时候发？', answer: '每季度末发到一卡通。' }],
        },
        1,
      ),
    )
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
    // Post-evaluations open when forms cross the trigger (test/integration/assessment.test.ts);
    // here they are written as the server writes them, one concluded in 柳河村 and one open.
    const postEvaluation = (id: string, concluded: boolean) =>
      writeRecord(server.database.db, 'post_evaluation', id, {
        ...postEvaluationData({
          id,
          department: PATHS.dept1,
          title: concluded ? '耕地地力保护补贴办法' : '尚在评估的办法',
          openedOn: TODAY,
          concluded,
        }),
        villages: [PATHS.v1],
      })
    await postEvaluation(concludedId, true)
    await postEvaluation(uuidv7(), false)
  })
  afterAll(() => server.close())

  const affairs = async (unitId: string) => {
    const response = await server.app.inject({ url: `/api/public/wall/${unitId}/affairs` })
    expect(response.statusCode, response.body).toBe(200)
    return { body: response.body, affairs: response.json<PublicAffairs>() }
  }

  it('shows a village the policies and open consultations concerning it, without any person', async () => {
    const { body, affairs: wall } = await affairs('demo-t1-v1')
    expect(wall.policies.find((policy) => policy.id === policyId)).toMatchObject({
      sessions: [
        {
          heldOn: TODAY,
          place: '柳河村便民服务站',
          attendance: 35,
          qa: [{ question: '补贴什么时候发？', answer: '每季度末发到一卡通。' }],
        },
      ],
    })
    expect(wall.conclusions).toEqual([
      {
        id: concludedId,
        policyTitle: '耕地地力保护补贴办法',
        documentNumber: '演示',
        decision: 'adjust',
        reasons: '根据评议意见调整',
        concludedOn: TODAY,
      },
    ])
    expect(wall.consultations.map((consultation) => consultation.id)).toContain(consultationId)
    expect(personalFieldsIn(wall)).toEqual([])
    for (const secret of ['张科长', '王大爷', 'recordedBy', 'byName', 'finding', 'formIds']) {
      expect(body).not.toContain(secret)
    }
  })

  it('shows another township nothing of them, and refuses an unknown unit', async () => {
    const { affairs: other } = await affairs('demo-t2-v1')
    expect(other.policies.map((policy) => policy.id)).not.toContain(policyId)
    expect(other.consultations.map((consultation) => consultation.id)).not.toContain(consultationId)
    expect(other.conclusions).toEqual([])
    // The sibling village took no part in the evaluation; its township's wall shows it.
    expect((await affairs('demo-t1-v2')).affairs.conclusions).toEqual([])
    expect((await affairs('demo-t1')).affairs.conclusions.map((c) => c.id)).toEqual([concludedId])
    const unknown = await server.app.inject({ url: '/api/public/wall/no-such-unit/affairs' })
    expect(unknown.statusCode).toBe(404)
  })
})
