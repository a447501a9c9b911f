/**
 * Property: random mutations of every record kind — payloads near valid ones
 * with fields replaced by values of their own shape or by hostile ones
 * (U+0000, lone surrogates, zero-width-only and huge strings, year 0050,
 * 2025-02-30, edge numbers, wrong types, unknown keys) — never make a push
 * fail and never block the valid mutation queued behind them. Every refusal
 * carries a Chinese reason, and no kind throws (no internal_refusal).
 * Runs against the real server: `PROPERTY_RUNS=<n>` scales it, the seed is
 * printed on failure (fast-check's `seed`/`path` replay it).
 */
import fc from 'fast-check'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  campaignCreateSchema,
  conclusionInputSchema,
  formCreateSchema,
} from '#shared/assessment/assessment.schema.ts'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { ISSUE_ACTION_PAYLOADS } from '#shared/issue/issue.payloads.ts'
import { ISSUE_ACTIONS } from '#shared/issue/issue.schema.ts'
import { issueCaptureUpdateSchema, issueCreateSchema } from '#shared/issue/issue.capture.schema.ts'
import {
  mediatorAssessmentSchema,
  mediatorCreateSchema,
  mediatorHonourSchema,
  mediatorTrainingSchema,
  mediatorUpdateSchema,
} from '#shared/meeting/mediator.schema.ts'
import { samplePlan, sampleTopic } from '#shared/meeting/meeting.fixtures.ts'
import {
  amendmentSchema,
  meetingCreateSchema,
  meetingPlanUpdateSchema,
  meetingRecordSchema,
} from '#shared/meeting/meeting.schema.ts'
import { interpretationInputSchema, policyCreateSchema } from '#shared/policy/policy.schema.ts'
import type { Mutation, MutationResult } from '#shared/sync/sync.protocol.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { loginAll, pushApplied, pushRaw } from '../support/sync-client.ts'
import { kindMutation as mutation } from '../support/memo-kind.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import {
  edgeValuesFor,
  objectShape,
  payloadNear,
  type ArbitraryOptions,
} from '../support/zod-arbitrary.ts'

const HAN = /\p{Script=Han}/u
const RUNS = Number(process.env.PROPERTY_RUNS ?? 0)
/** Runs per dialect: PostgreSQL takes ~11 round trips a mutation, so fewer there. */
const RUNS_ON = { sqlite: RUNS || 150, postgres: Math.ceil((RUNS || 150) / 4) }

const TODAY = chinaDate(new Date().toISOString())

const policyPayload = () => ({
  title: '农村低保动态管理办法',
  documentNumber: '清民发〔2026〕3号',
  issuingDepartment: PATHS.dept1,
  issueDate: '2026-02-06',
  summary: '规范低保申请、复核和退出。',
  domains: ['social_security'],
  concerns: [PATHS.t1],
})

/** One operation of a kind: its payload schema and a valid payload to start from. */
interface OpSpec {
  op: string
  schema: unknown
  base: () => Record<string, unknown>
  /** Creates target a fresh id; the others the kind's standing record. */
  isCreate?: boolean
}

interface KindSpec {
  kind: string
  /** Who pushes this kind's batches (one who may create it). */
  author: Person
  ops: OpSpec[]
}

/** Ids of the standing records each kind's mutations aim at (made in beforeAll). */
const standing = {
  issue: uuidv7(),
  meeting: uuidv7(),
  mediator: uuidv7(),
  policy: uuidv7(),
  campaign: uuidv7(),
  form: uuidv7(),
}

const SPECS: KindSpec[] = [
  {
    kind: 'issue',
    author: 'villageCadre',
    ops: [
      {
        op: 'create',
        schema: issueCreateSchema,
        base: () => sampleCreatePayload({ photos: [] }),
        isCreate: true,
      },
      {
        op: 'update',
        schema: issueCaptureUpdateSchema,
        base: () => ({ title: '村口路灯修好一盏' }),
      },
      ...ISSUE_ACTIONS.map((action) => ({
        op: 'transition',
        schema: ISSUE_ACTION_PAYLOADS[action],
        base: () => ({ action }),
      })),
    ],
  },
  {
    kind: 'meeting',
    author: 'villageCadre',
    ops: [
      {
        op: 'create',
        schema: meetingCreateSchema,
        base: () =>
          samplePlan({
            date: TODAY,
            mediators: [],
            topics: [sampleTopic({ issueId: standing.issue, orgPath: PATHS.g1 })],
          }),
        isCreate: true,
      },
      { op: 'update_plan', schema: meetingPlanUpdateSchema, base: () => ({ place: '村委会' }) },
      { op: 'record', schema: meetingRecordSchema, base: () => ({}) },
      { op: 'sign_off', schema: null, base: () => ({}) },
      { op: 'amend', schema: amendmentSchema.pick({ text: true }), base: () => ({ text: '补正' }) },
      { op: 'cancel', schema: null, base: () => ({ reason: '下雨' }) },
    ],
  },
  {
    kind: 'mediator',
    author: 'villageCadre',
    ops: [
      {
        op: 'create',
        schema: mediatorCreateSchema,
        base: () => ({
          name: '王五',
          types: ['people_mediator'],
          expertise: ['neighbour_dispute'],
          orgPath: PATHS.v1,
        }),
        isCreate: true,
      },
      { op: 'update', schema: mediatorUpdateSchema, base: () => ({ affiliation: '一组' }) },
      {
        op: 'add_training',
        schema: mediatorTrainingSchema,
        base: () => ({ date: '2026-03-01', title: '调解技巧' }),
      },
      {
        op: 'add_assessment',
        schema: mediatorAssessmentSchema,
        base: () => ({ year: 2025, grade: 'excellent' }),
      },
      {
        op: 'add_honour',
        schema: mediatorHonourSchema,
        base: () => ({ year: 2025, title: '优秀解事员' }),
      },
      { op: 'retire', schema: null, base: () => ({}) },
      { op: 'reinstate', schema: null, base: () => ({}) },
    ],
  },
  {
    kind: 'policy',
    author: 'department',
    ops: [
      { op: 'create', schema: policyCreateSchema, base: policyPayload, isCreate: true },
      {
        op: 'record_interpretation',
        schema: interpretationInputSchema,
        base: () => ({ heldOn: TODAY, place: '说事站', interpreter: '李科长', attendance: 30 }),
      },
    ],
  },
  {
    kind: 'assessment_campaign',
    author: 'county',
    ops: [
      {
        op: 'create',
        schema: campaignCreateSchema,
        base: () => ({
          policyId: standing.policy,
          policyTitle: '农村低保动态管理办法',
          documentNumber: '清民发〔2026〕3号',
          issuingDepartment: PATHS.dept1,
          villages: [PATHS.v1],
          grids: [PATHS.g1],
          opensOn: TODAY,
          closesOn: TODAY,
        }),
        isCreate: true,
      },
      { op: 'close', schema: null, base: () => ({}) },
    ],
  },
  {
    kind: 'assessment_form',
    author: 'gridWorker',
    ops: [
      {
        op: 'create',
        schema: formCreateSchema,
        base: () => ({
          villagePath: PATHS.v1,
          scores: { effect: 4, satisfaction: 4, operability: 3, reasonableness: 5 },
          shortcomings: '',
          risks: '',
          suggestions: '减少证明材料',
          campaignId: standing.campaign,
          issuingDepartment: PATHS.dept1,
          channel: 'assisted',
        }),
        isCreate: true,
      },
      { op: 'withdraw', schema: null, base: () => ({ reason: '录错了' }) },
    ],
  },
  {
    kind: 'post_evaluation',
    author: 'department',
    ops: [
      {
        op: 'create',
        schema: null,
        base: () => ({ campaignId: standing.campaign }),
        isCreate: true,
      },
      {
        op: 'conclude',
        schema: conclusionInputSchema,
        base: () => ({ decision: 'adjust', reasons: '群众意见较多' }),
      },
    ],
  },
]

const STANDING_OF: Record<string, string> = {
  issue: standing.issue,
  meeting: standing.meeting,
  mediator: standing.mediator,
  policy: standing.policy,
  assessment_campaign: standing.campaign,
  assessment_form: standing.form,
  post_evaluation: standing.campaign,
}

/** A valid create that must land after whatever came before it in the batch. */
function sentinel(author: Person): Mutation {
  if (author === 'department' || author === 'county')
    return mutation('policy', uuidv7(), 'create', policyPayload())
  return mutation('issue', uuidv7(), 'create', sampleCreatePayload({ photos: [] }))
}

const POOL: readonly string[] = [
  ...Object.values(PATHS),
  ...Object.values(standing),
  'demo-t1-v1-g1',
  'demo-t1-v1',
  TODAY,
  '2026-02-06',
  '19:30',
  'a'.repeat(64),
  '村口路灯不亮',
  '张三丰',
  '13812341234',
  'social_security',
  'infrastructure',
  'discussable',
  'satisfied',
  'dissatisfied',
  'accept',
  'escalate',
  'resolved',
]
const OPTIONS: ArbitraryOptions = { pool: POOL }

function mutationArbitrary(spec: KindSpec): fc.Arbitrary<Mutation> {
  const opArbitrary = fc.constantFrom(...spec.ops)
  return opArbitrary.chain((opSpec) =>
    fc
      .record({
        op: fc.oneof(
          { weight: 9, arbitrary: fc.constant(opSpec.op) },
          {
            weight: 1,
            arbitrary: fc.constantFrom('create', 'update', 'transition', 'destroy', 'conclude'),
          },
        ),
        payload: payloadNear(opSpec.schema, opSpec.base(), OPTIONS),
        target: fc.oneof(
          { weight: 6, arbitrary: fc.constant(opSpec.isCreate ? 'fresh' : 'standing') },
          { weight: 1, arbitrary: fc.constantFrom('fresh', 'standing') },
        ),
        baseVersion: fc.oneof(fc.nat({ max: 5 }), fc.constant(0)),
      })
      .map(({ op, payload, target, baseVersion }) =>
        mutation(
          spec.kind,
          target === 'fresh' ? uuidv7() : (STANDING_OF[spec.kind] ?? uuidv7()),
          op,
          payload,
          baseVersion,
        ),
      ),
  )
}

/** A batch of one kind's mutations (the kind by name, so a counterexample prints small). */
const batchArbitrary = fc.constantFrom(...SPECS.map((spec) => spec.kind)).chain((kind) =>
  fc.record({
    kind: fc.constant(kind),
    mutations: fc.array(mutationArbitrary(specOf(kind)), { minLength: 1, maxLength: 4 }),
  }),
)

function specOf(kind: string): KindSpec {
  const spec = SPECS.find((candidate) => candidate.kind === kind)
  if (!spec) throw new Error(`no spec for ${kind}`)
  return spec
}

describe.each(DIALECTS)('random mutations of every kind on %s', (dialect) => {
  let server: TestServer
  let as: Awaited<ReturnType<typeof loginAll>>
  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, ['gridWorker', 'villageCadre', 'county', 'department'])
    const push = (person: Person, m: Mutation) => pushApplied(server.app, as(person), m)
    await push(
      'villageCadre',
      mutation('issue', standing.issue, 'create', sampleCreatePayload({ photos: [] })),
    )
    await push(
      'villageCadre',
      mutation('issue', standing.issue, 'transition', { action: 'accept' }, 1),
    )
    await push(
      'villageCadre',
      mutation('meeting', standing.meeting, 'create', SPECS[1]?.ops[0]?.base() ?? {}),
    )
    await push(
      'villageCadre',
      mutation('mediator', standing.mediator, 'create', SPECS[2]?.ops[0]?.base() ?? {}),
    )
    await push('department', mutation('policy', standing.policy, 'create', policyPayload()))
    await push(
      'county',
      mutation('assessment_campaign', standing.campaign, 'create', SPECS[4]?.ops[0]?.base() ?? {}),
    )
    await push(
      'gridWorker',
      mutation('assessment_form', standing.form, 'create', SPECS[5]?.ops[0]?.base() ?? {}),
    )
  })
  afterAll(() => server.close())

  it('never fail a push, never block the mutation behind them, and refuse in Chinese', async () => {
    const outcomes = new Map<string, number>()
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1)
    await fc.assert(
      fc.asyncProperty(batchArbitrary, async ({ kind, mutations }) => {
        const spec = specOf(kind)
        const last = sentinel(spec.author)
        const batch = [...mutations, last]
        const response = await pushRaw(server.app, as(spec.author), { mutations: batch })
        expect(response.statusCode, response.body).toBe(200)
        const results = response.json<{ results: MutationResult[] }>().results
        expect(results.map((result) => result.id)).toEqual(batch.map((m) => m.id))
        for (const result of results.slice(0, -1)) {
          count(result.status === 'rejected' ? `rejected:${result.code}` : result.status)
          if (result.status === 'rejected') {
            expect(result.message).toMatch(HAN)
            expect(result.code).not.toBe('internal_refusal')
          }
        }
        expect(results.at(-1)).toMatchObject({ status: 'applied' })
      }),
      { numRuns: RUNS_ON[dialect], endOnFailure: true },
    )
    const figures = [...outcomes.entries()].sort((a, b) => b[1] - a[1])
    // A figure, not an assertion: how deep the generated input reached.
    console.info(
      `${dialect}: ${RUNS_ON[dialect]} batches`,
      JSON.stringify(Object.fromEntries(figures)),
    )
    expect(outcomes.get('applied') ?? 0).toBeGreaterThan(0)
  })

  it('survives every edge value in every field of every kind’s payloads', async () => {
    let pushed = 0
    const codes = new Map<string, number>()
    for (const spec of SPECS) {
      const batch: Mutation[] = []
      for (const opSpec of spec.ops) {
        const shape = objectShape(opSpec.schema)
        for (const [field, fieldSchema] of Object.entries(shape)) {
          // Every value on SQLite; every third on PostgreSQL (~11 round trips a mutation).
          const values = edgeValuesFor(fieldSchema).filter(
            (_value, index) => dialect === 'sqlite' || index % 3 === 0,
          )
          for (const value of values) {
            const recordId = opSpec.isCreate ? uuidv7() : (STANDING_OF[spec.kind] ?? uuidv7())
            batch.push(
              mutation(spec.kind, recordId, opSpec.op, { ...opSpec.base(), [field]: value }, 1),
            )
          }
        }
      }
      // In pushes of at most 40, as a device batches them (and under the byte limit).
      for (let start = 0; start < batch.length; start += 40) {
        const slice = [...batch.slice(start, start + 40), sentinel(spec.author)]
        const response = await pushRaw(server.app, as(spec.author), { mutations: slice })
        expect(response.statusCode, response.body).toBe(200)
        const results = response.json<{ results: MutationResult[] }>().results
        expect(results.at(-1)).toMatchObject({ status: 'applied' })
        for (const result of results.slice(0, -1)) {
          const key = result.status === 'rejected' ? result.code : result.status
          codes.set(key, (codes.get(key) ?? 0) + 1)
          if (result.status === 'rejected') expect(result.message).toMatch(HAN)
        }
        pushed += slice.length - 1
      }
    }
    console.info(`${dialect}: ${pushed} edge mutations`, JSON.stringify(Object.fromEntries(codes)))
    expect(codes.get('internal_refusal') ?? 0).toBe(0)
    // What a kind accepts as payload always makes a state its schema accepts.
    expect(codes.get('invalid_record') ?? 0).toBe(0)
  })
})
