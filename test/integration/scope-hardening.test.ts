/**
 * Who sees a record, and what a mutation acts through, are decided by the
 * server (issue #22): every audience path is inside the author's own scope,
 * kept from before, a unit the kind lets the author address, or vouched for
 * by a record the server loads; a mediator changes a matter only through a
 * day it may record (scope-mediator.test.ts). The attacks below each come back refused with a code,
 * store nothing and reach nobody.
 */
import { createHash } from 'node:crypto'
import { uuidv7 } from 'uuidv7'
import { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FORM_KIND } from '#shared/assessment/assessment.kind.ts'
import { kindRegistry, MutationRejection, type RecordKind } from '#shared/sync/record-kind.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { openPostEvaluationIfDue } from '#server/assessment/post-evaluation.trigger.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { recordKey, saveRecord } from '#server/sync/record.repository.ts'
import { campaignPayload, policyPayload } from '../support/assessment-fixtures.ts'
import { PATHS, userIdOf, type Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { PNG_SIGNATURE } from '../support/png.ts'
import {
  loginAll,
  push,
  pushApplied,
  pushOne,
  Replica,
  syncWrites,
} from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u
/** A village of another township (demo-t2). */
const T2V1 = '/demo-county/demo-t2/demo-t2-v1/'

function answers(satisfaction: number, villagePath: string = PATHS.v1) {
  return {
    villagePath,
    scores: { effect: 1, satisfaction, operability: 1, reasonableness: 1 },
    shortcomings: '材料太多',
    risks: '',
    suggestions: '',
  }
}

const PEOPLE: Person[] = [
  'gridWorker',
  'otherTownshipGridWorker',
  'villageCadre',
  'siblingVillageCadre',
  'county',
  'department',
  'otherDepartment',
  // placed at township demo-t1, not at any village
  'townshipMediator',
]

describe.each(DIALECTS)('audience and references decided by the server on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string
  const policyId = uuidv7()
  const campaignId = uuidv7()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
    await pushApplied(
      server.app,
      as('department'),
      mutation('policy', policyId, 'create', policyPayload()),
    )
    await openCampaign(campaignId)
  })
  afterAll(() => server.close())

  /** The department opens a campaign of villages v1 and v2 (default rule: 10 forms). */
  async function openCampaign(id: string): Promise<void> {
    await pushApplied(
      server.app,
      as('department'),
      mutation('assessment_campaign', id, 'create', campaignPayload(policyId)),
    )
  }

  const pulledIds = async (who: Person) =>
    (await new Replica(server.app, as(who)).sync()).ids().sort()

  /** Pushes `m` as `who`; expects a refusal with `code`, nothing written and nothing pulled. */
  async function expectRefused(who: Person, m: Mutation, code: string) {
    const before = await syncWrites(server.database)
    const result = await pushOne(server.app, as(who), m)
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'rejected', code })
    expect(result.status === 'rejected' && result.message).toMatch(HAN)
    // Only the refusal itself is kept (one sync_mutation row).
    const after = await syncWrites(server.database)
    expect(after.slice(1)).toEqual(before.slice(1))
    return result
  }

  describe('assessment forms', () => {
    const form = (fields: Record<string, unknown>) =>
      mutation(FORM_KIND, newRecordId(), 'create', {
        ...answers(1),
        campaignId,
        issuingDepartment: PATHS.dept1,
        channel: 'assisted',
        ...fields,
      })

    it.each([
      ['another department', PATHS.dept2, 'otherDepartment'],
      ['a village of another township', T2V1, 'otherTownshipGridWorker'],
    ] as const)(
      'refuses a form whose issuing department names %s, and that unit pulls nothing',
      async (_name, path, reader) => {
        const m = form({ issuingDepartment: path, shortcomings: '某某家的私事' })
        await expectRefused('gridWorker', m, 'campaign_mismatch')
        expect(await pulledIds(reader)).not.toContain(m.recordId)
      },
    )

    it('refuses a form of a campaign that does not exist or is out of the author’s sight', async () => {
      await expectRefused('gridWorker', form({ campaignId: uuidv7() }), 'unknown_campaign')
      // The campaign reaches t1's grids only; a grid of t2 cannot file forms into it.
      await expectRefused(
        'otherTownshipGridWorker',
        form({ villagePath: T2V1 }),
        'unknown_campaign',
      )
    })

    it('does not open a post-evaluation from ten forms the department cannot see', async () => {
      const forged = Array.from({ length: 10 }, () =>
        form({ issuingDepartment: PATHS.dept2, shortcomings: '不满意' }),
      )
      const results = await push(server.app, as('gridWorker'), forged)
      expect(results.map((result) => result.status)).toEqual(Array(10).fill('rejected'))
      const cases = await server.database.db
        .selectFrom('sync_record')
        .select('id')
        .where('kind', '=', 'post_evaluation')
        .execute()
      expect(cases).toEqual([])
    })

    it('counts only the campaign’s own forms even when forged ones are already stored', async () => {
      // Forms written before the server checked them (an old database): the
      // trigger must not count forms of another department or village.
      const ownCampaign = uuidv7()
      await openCampaign(ownCampaign)
      const base = {
        ...answers(1),
        campaignId: ownCampaign,
        channel: 'assisted',
        unitPath: PATHS.g1,
        status: 'submitted',
        submittedAt: new Date().toISOString(),
        recordedBy: userIdOf('gridWorker'),
        recordedByName: '网格员',
        withdrawal: null,
      }
      const forged = [
        ...Array.from({ length: 10 }, () => ({ ...base, issuingDepartment: PATHS.dept2 })),
        ...Array.from({ length: 10 }, () => ({
          ...base,
          ...answers(1, T2V1),
          unitPath: PATHS.t2g1,
          issuingDepartment: PATHS.dept1,
        })),
      ]
      for (const data of forged) {
        const id = newRecordId()
        const now = new Date().toISOString()
        await saveRecord(
          server.database.db,
          {
            key: recordKey(FORM_KIND, id),
            kind: FORM_KIND,
            id,
            version: 1,
            org_path: data.unitPath,
            data: JSON.stringify(data),
            created_at: now,
            updated_at: now,
          },
          {
            isNew: true,
            audience: [data.unitPath, data.issuingDepartment],
            previousAudience: [],
            attachments: [],
          },
        )
      }
      expect(await openPostEvaluationIfDue(server.database, defaultKinds, ownCampaign)).toBe(false)
    })

    it('still takes the campaign’s own forms from its grid workers', async () => {
      const m = form({ ...answers(5) })
      await pushApplied(server.app, as('gridWorker'), m)
      expect(await pulledIds('department')).toContain(m.recordId)
    })
  })

  describe('policies and campaigns', () => {
    it('refuses a department policy that names another department as concerned', async () => {
      const m = mutation('policy', uuidv7(), 'create', {
        title: '某办法',
        documentNumber: '清民发〔2026〕9号',
        issuingDepartment: PATHS.dept1,
        issueDate: '2026-02-06',
        summary: '摘要',
        domains: ['other'],
        concerns: [PATHS.dept2],
      })
      await expectRefused('department', m, 'unknown_unit')
      expect(await pulledIds('otherDepartment')).not.toContain(m.recordId)
    })

    it('refuses a policy attaching a photo of a village by its hash', async () => {
      // The server sniffs the first bytes only: a PNG signature and a unique tail will do.
      const bytes = Buffer.concat([PNG_SIGNATURE, Buffer.from(uuidv7())])
      const hash = createHash('sha256').update(bytes).digest('hex')
      const upload = await server.app.inject({
        method: 'PUT',
        url: `/api/blobs/${hash}`,
        headers: { 'content-type': 'image/png', cookie: as('gridWorker') },
        payload: bytes,
      })
      expect(upload.statusCode).toBe(201)
      const m = mutation('policy', uuidv7(), 'create', {
        title: '某办法',
        documentNumber: '清民发〔2026〕8号',
        issuingDepartment: PATHS.dept1,
        issueDate: '2026-02-06',
        summary: '摘要',
        domains: ['other'],
        concerns: [PATHS.t1],
        attachments: [hash],
      })
      await expectRefused('department', m, 'attachment_not_allowed')
      const download = await server.app.inject({
        url: `/api/blobs/${hash}`,
        headers: { cookie: as('department') },
      })
      expect(download.statusCode).toBe(404)
    })

    it('refuses a department campaign with a village its policy does not concern', async () => {
      const m = mutation(
        'assessment_campaign',
        uuidv7(),
        'create',
        campaignPayload(policyId, { villages: [PATHS.v1, T2V1], grids: [PATHS.g1] }),
      )
      await expectRefused('department', m, 'campaign_mismatch')
      expect(await pulledIds('otherTownshipGridWorker')).not.toContain(m.recordId)
    })

    it('refuses a campaign whose issuing department is not its policy’s', async () => {
      const m = mutation(
        'assessment_campaign',
        uuidv7(),
        'create',
        campaignPayload(policyId, {
          issuingDepartment: PATHS.dept2,
          villages: [PATHS.v1],
          grids: [],
        }),
      )
      await expectRefused('county', m, 'campaign_mismatch')
    })
  })
})

/**
 * A kind written carelessly: its audience takes a path straight from the
 * payload and it declares nothing. The engine must refuse the widening on
 * its own, so a new kind is safe by default.
 */
const leakySchema = z.object({ orgPath: z.string(), alsoFor: z.string(), text: z.string() })
const leakyKind: RecordKind<z.infer<typeof leakySchema>> = {
  kind: 'leaky',
  schema: leakySchema,
  apply(current, { payload }, actor) {
    if (current) throw new MutationRejection('already_exists', '已存在')
    const data = leakySchema.parse(payload)
    if (!data.orgPath.startsWith(actor.orgPath))
      throw new MutationRejection('out_of_scope', '不能在本单位以外新建记录')
    return data
  },
  audience: (data) => [data.orgPath, data.alsoFor],
}

describe.each(DIALECTS)('a kind that declares nothing on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string
  beforeAll(async () => {
    server = await createTestServer(dialect, { kinds: kindRegistry([leakyKind]) })
    as = await loginAll(server, ['gridWorker', 'otherTownshipGridWorker'])
  })
  afterAll(() => server.close())

  it('cannot put a path outside the author’s scope into a record’s audience', async () => {
    const m = mutation('leaky', newRecordId(), 'create', {
      orgPath: PATHS.g1,
      alsoFor: PATHS.t2g1,
      text: '别人的私事',
    })
    const result = await pushOne(server.app, as('gridWorker'), m)
    expect(result).toMatchObject({ status: 'rejected', code: 'out_of_scope' })
    const replica = await new Replica(server.app, as('otherTownshipGridWorker')).sync()
    expect(replica.ids()).toEqual([])
    // Inside the author's own scope it is fine.
    await pushApplied(
      server.app,
      as('gridWorker'),
      mutation('leaky', newRecordId(), 'create', {
        orgPath: PATHS.g1,
        alsoFor: PATHS.g1,
        text: '本网格',
      }),
    )
  })
})
