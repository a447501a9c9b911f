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
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import type { Mutation, MutationResult } from '#shared/sync/sync.protocol.ts'
import { freshDocumentNumber, policyPayload } from '../support/assessment-fixtures.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { loginAll, pushApplied, pushRaw } from '../support/sync-client.ts'
import { kindMutation as mutation } from '../support/memo-kind.ts'
import { SPECS, standing, STANDING_OF, TODAY, type KindSpec } from '../support/kind-op-specs.ts'
import { consultationBase, ITEM_NAMES, proposalBase } from '../support/kind-op-specs.records.ts'
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

/** A valid create that must land after whatever came before it in the batch. */
function sentinel(author: Person): Mutation {
  if (author === 'department' || author === 'county')
    return mutation(
      'policy',
      uuidv7(),
      'create',
      policyPayload({ documentNumber: freshDocumentNumber() }),
    )
  // Township staff log no reports: a mediator of their village is theirs to create.
  if (author === 'township')
    return mutation('mediator', uuidv7(), 'create', specOf('mediator').ops[0]?.base() ?? {})
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
    as = await loginAll(server, ['gridWorker', 'villageCadre', 'township', 'county', 'department'])
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
    const create = (kind: string) => specOf(kind).ops[0]?.base() ?? {}
    await push(
      'department',
      mutation('consultation', standing.consultation, 'create', consultationBase()),
    )
    await push('department', mutation('consultation', standing.consultation, 'open', {}, 1))
    await push('gridWorker', mutation('opinion', standing.opinion, 'create', create('opinion')))
    await push(
      'county',
      mutation('participation_catalogue', standing.catalogue, 'create', {
        ...create('participation_catalogue'),
        year: 2030,
      }),
    )
    for (const [source, item, name] of [
      [standing.livelihoodSource, standing.livelihood, ITEM_NAMES[0]],
      [standing.livelihoodSource2, standing.livelihood2, ITEM_NAMES[1]],
    ] as const) {
      await push(
        'gridWorker',
        mutation('issue', source, 'create', sampleCreatePayload({ photos: [] })),
      )
      await push(
        'township',
        mutation('livelihood_item', item, 'create', proposalBase(source, name)),
      )
    }
    await push(
      'villageCadre',
      mutation('livelihood_ranking', standing.ranking, 'create', create('livelihood_ranking')),
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
