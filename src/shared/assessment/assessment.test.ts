import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Actor } from '../sync/record-kind.ts'
import {
  FORM_KIND,
  formKind,
  POST_EVALUATION_ACTOR_ID,
  postEvaluationKind,
  PUBLIC_BALLOT_ACTOR_ID,
} from './assessment.kind.ts'
import {
  aggregateCampaign,
  evaluateTrigger,
  resultScope,
  type FormRow,
} from './assessment.results.ts'
import { DEFAULT_TRIGGER_RULE, type FormData, type TriggerRule } from './assessment.schema.ts'
import { refusalCodeOf } from '../sync/record-kind.fixtures.ts'

const CAMPAIGN = '0190f5a2-0000-7000-8000-000000000001'
const DEPT = '/demo-county/demo-dept-1/'
const V1 = '/demo-county/demo-t1/demo-t1-v1/'
const V2 = '/demo-county/demo-t1/demo-t1-v2/'
const V3 = '/demo-county/demo-t2/demo-t2-v1/'
const CAMPAIGN_DATA = { villages: [V1, V2, V3], issuingDepartment: DEPT }

function actor(fields: Partial<Actor> = {}): Actor {
  return {
    userId: 'u-grid',
    userName: '网格员',
    role: 'grid_worker',
    orgUnitId: 'demo-t1-v1-g1',
    orgPath: `${V1}demo-t1-v1-g1/`,
    at: '2025-11-01T02:00:00.000Z',
    ...fields,
  }
}

function answers(satisfaction: number, fields: Partial<FormData> = {}) {
  return {
    campaignId: CAMPAIGN,
    issuingDepartment: DEPT,
    channel: 'assisted',
    villagePath: V1,
    scores: { effect: 3, satisfaction, operability: 4, reasonableness: 5 },
    ...fields,
  }
}

function form(id: string, satisfaction: number, fields: Partial<FormData> = {}): FormRow {
  const data = formKind.apply(
    null,
    { op: 'create', payload: answers(satisfaction), baseVersion: 0 },
    actor(),
  )
  return { id, data: { ...data, ...fields } }
}

describe('assessment form kind', () => {
  it('stores a transcribed paper form as submitted and anonymous', () => {
    const { data } = form('f1', 4)
    expect(data).toMatchObject({ status: 'submitted', recordedBy: 'u-grid', ageBand: null })
    expect(JSON.stringify(data)).not.toContain('name')
  })

  it('never edits a submitted form: only a withdrawal with a reason, which keeps the answers', () => {
    const { data } = form('f1', 2)
    const update = { op: 'update', payload: { scores: { satisfaction: 5 } }, baseVersion: 1 }
    expect(refusalCodeOf(() => formKind.apply(data, update, actor()))).toBe('immutable')
    const withdraw = (reason: string) => ({ op: 'withdraw', payload: { reason }, baseVersion: 1 })
    expect(refusalCodeOf(() => formKind.apply(data, withdraw(' '), actor()))).toBe(
      'invalid_payload',
    )
    const withdrawn = formKind.apply(data, withdraw('录入时选错村社'), actor())
    expect(withdrawn).toMatchObject({ status: 'withdrawn', scores: data.scores })
    expect(refusalCodeOf(() => formKind.apply(withdrawn, withdraw('再撤'), actor()))).toBe(
      'invalid_transition',
    )
  })

  it('accepts a self-service form only from the public ballot route', () => {
    const payload = answers(5, { channel: 'self_service' })
    const create = { op: 'create', payload, baseVersion: 0 }
    expect(refusalCodeOf(() => formKind.apply(null, create, actor()))).toBe('forbidden_role')
    const publicActor = actor({ userId: PUBLIC_BALLOT_ACTOR_ID, role: 'county_staff' })
    expect(formKind.apply(null, create, publicActor).channel).toBe('self_service')
  })

  it('refuses a transcription for another village and from a role without the permission', () => {
    const create = (payload: Record<string, unknown>, by: Actor) => () =>
      formKind.apply(null, { op: 'create', payload, baseVersion: 0 }, by)
    expect(refusalCodeOf(create(answers(4, { villagePath: V2 }), actor()))).toBe('out_of_scope')
    expect(refusalCodeOf(create(answers(4), actor({ role: 'mediator' })))).toBe('forbidden_role')
  })

  it('is born in the recorder’s grid and seen by the issuing department', () => {
    expect(formKind.kind).toBe(FORM_KIND)
    expect(formKind.audience(form('f1', 4).data)).toEqual([`${V1}demo-t1-v1-g1/`, DEPT])
  })
})

describe('aggregation', () => {
  it('counts responses, distributions, satisfied share and free texts per village, township and county', () => {
    const results = aggregateCampaign(CAMPAIGN, CAMPAIGN_DATA, [
      form('a', 5, { shortcomings: '宣传不够' }),
      form('b', 4),
      form('c', 2, { villagePath: V2, risks: '有人冒领' }),
      form('d', 1, { villagePath: V3, suggestions: '简化手续' }),
      form('w', 1, { status: 'withdrawn' }),
      form('x', 1, { villagePath: '/demo-county/demo-t3/demo-t3-v1/' }),
      // Of another department: that department's, not this campaign's, whatever its campaignId.
      form('y', 1, { issuingDepartment: '/demo-county/demo-dept-2/' }),
      form('o', 1, { campaignId: '0190f5a2-0000-7000-8000-000000000002' }),
    ])
    expect(results.county).toMatchObject({ responses: 4, satisfiedShare: 0.5, concernShare: 0.5 })
    expect(results.county.distribution.satisfaction).toEqual([1, 1, 0, 1, 1])
    expect(results.county.distribution.reasonableness).toEqual([0, 0, 0, 0, 4])
    expect(results.townships.map((t) => [t.path, t.responses])).toEqual([
      ['/demo-county/demo-t1/', 3],
      ['/demo-county/demo-t2/', 1],
    ])
    expect(results.villages.map((v) => v.responses)).toEqual([2, 1, 1])
    expect(results.county.texts.shortcomings).toEqual([
      { formId: 'a', villagePath: V1, text: '宣传不够' },
    ])
    expect(results.county.texts.risks[0]?.villagePath).toBe(V2)
    expect(results).toMatchObject({ withdrawn: 1, outsideCampaign: 2 })
  })

  it('gives no shares for an area without forms', () => {
    const results = aggregateCampaign(CAMPAIGN, CAMPAIGN_DATA, [])
    expect(results.county).toMatchObject({ responses: 0, satisfiedShare: null })
    expect(results.villages).toHaveLength(3)
  })

  it('keeps every counted form in each distribution (property)', () => {
    const point = fc.integer({ min: 1, max: 5 })
    const village = fc.constantFrom(V1, V2, V3)
    fc.assert(
      fc.property(fc.array(fc.tuple(point, village, fc.boolean()), { maxLength: 40 }), (rows) => {
        const forms = rows.map(([p, villagePath, withdrawn], i) =>
          form(`f${i}`, p, { villagePath, status: withdrawn ? 'withdrawn' : 'submitted' }),
        )
        const results = aggregateCampaign(CAMPAIGN, CAMPAIGN_DATA, forms)
        const counted = rows.filter(([, , withdrawn]) => !withdrawn).length
        expect(results.county.responses).toBe(counted)
        expect(results.county.distribution.satisfaction.reduce((a, b) => a + b, 0)).toBe(counted)
        expect(results.villages.reduce((sum, v) => sum + v.responses, 0)).toBe(counted)
        expect(results.withdrawn + counted).toBe(rows.length)
      }),
    )
  })
})

describe('result scope', () => {
  it('labels a figure with the unit whose forms the device holds, never the county below it', () => {
    expect(resultScope('grid')).toBe('grid')
    expect(resultScope('village')).toBe('village')
    expect(resultScope('township')).toBe('township')
    expect(resultScope('department')).toBe('county')
    expect(resultScope('county')).toBe('county')
  })
})

describe('post-evaluation trigger', () => {
  const rule: TriggerRule = { minResponses: 5, satisfiedShareBelow: 0.6, concernShareAtLeast: 0.5 }
  const run = (satisfactions: number[], concerns = 0) =>
    evaluateTrigger(
      aggregateCampaign(
        CAMPAIGN,
        CAMPAIGN_DATA,
        satisfactions.map((s, i) => form(`f${i}`, s, i < concerns ? { risks: '风险' } : {})),
      ),
      rule,
    )

  it('waits for the minimum number of responses', () => {
    expect(run([1, 1, 1, 1])).toBeNull()
    expect(run([1, 1, 1, 1, 1])).toMatchObject({ responses: 5, reasons: ['low_satisfaction'] })
  })

  it('opens strictly below the satisfied share: 3 of 5 (60 %) does not, 2 of 5 does', () => {
    expect(run([5, 5, 4, 1, 1])).toBeNull()
    expect(run([5, 4, 1, 1, 1])).toMatchObject({ satisfiedShare: 0.4 })
  })

  it('opens at the concern share even when most are satisfied', () => {
    expect(run([5, 5, 5, 5, 5, 5], 2)).toBeNull()
    expect(run([5, 5, 5, 5, 5, 5], 3)).toMatchObject({ reasons: ['many_concerns'] })
  })

  it('has documented defaults', () => {
    expect(DEFAULT_TRIGGER_RULE).toEqual({
      minResponses: 10,
      satisfiedShareBelow: 0.6,
      concernShareAtLeast: 0.5,
    })
  })
})

describe('post-evaluation kind', () => {
  const payload = {
    campaignId: CAMPAIGN,
    policyId: CAMPAIGN,
    policyTitle: '低保办法',
    documentNumber: '清民发〔2025〕12号',
    issuingDepartment: DEPT,
    villages: [V1],
    rule: DEFAULT_TRIGGER_RULE,
    finding: {
      responses: 10,
      satisfiedShare: 0.3,
      concernShare: 0.1,
      reasons: ['low_satisfaction'],
    },
    formIds: ['f1'],
  }
  const system = actor({
    userId: POST_EVALUATION_ACTOR_ID,
    role: 'county_staff',
    orgPath: '/demo-county/',
  })
  const dept = actor({ role: 'department_staff', orgPath: DEPT, userId: 'u-dept' })

  it('is opened only by the server trigger and concluded only by the issuing department', () => {
    const create = { op: 'create', payload, baseVersion: 0 }
    expect(refusalCodeOf(() => postEvaluationKind.apply(null, create, dept))).toBe('forbidden_role')
    const opened = postEvaluationKind.apply(null, create, system)
    expect(opened.status).toBe('open')
    const conclude = {
      op: 'conclude',
      payload: { decision: 'adjust', reasons: '简化复核材料' },
      baseVersion: 1,
    }
    const other = actor({ role: 'department_staff', orgPath: '/demo-county/demo-dept-2/' })
    expect(refusalCodeOf(() => postEvaluationKind.apply(opened, conclude, other))).toBe(
      'forbidden_role',
    )
    const concluded = postEvaluationKind.apply(opened, conclude, dept)
    expect(concluded.conclusion).toMatchObject({ decision: 'adjust', by: 'u-dept' })
    expect(refusalCodeOf(() => postEvaluationKind.apply(concluded, conclude, dept))).toBe(
      'invalid_transition',
    )
    expect(postEvaluationKind.audience(concluded)).toEqual([DEPT, `${V1}*`])
  })
})
