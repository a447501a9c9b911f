/**
 * Oversight through the real server on both dialects (docs/oversight.md):
 * every enforcement complaint dispatched to a department opens exactly one
 * self-correction case — pushed twice, by two devices at once, or dispatched
 * again after a return — which the department and the county's supervision
 * body see and no other department; review applications taken at a station
 * show who applied only to the station, its township and the review body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from 'uuidv7'
import { sampleCapture } from '#shared/issue/issue.fixtures.ts'
import type { ReviewData } from '#shared/oversight/review.schema.ts'
import type { SelfCorrectionData } from '#shared/oversight/self-correction.schema.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { loginAll, push, pushApplied, pushOne, Replica } from '../support/sync-client.ts'

const PEOPLE: Person[] = [
  'gridWorker',
  'villageCadre',
  'villageMediator',
  'siblingVillageCadre',
  'township',
  'otherTownship',
  'county',
  'department',
  'otherDepartment',
  'justiceBureau',
]

function mutation(
  kind: string,
  recordId: string,
  op: string,
  payload: Record<string, unknown>,
  baseVersion = 0,
): Mutation {
  return {
    id: uuidv7(),
    kind,
    recordId,
    op,
    payload,
    baseVersion,
    seq: 0,
    deviceId: 'oversight-test',
    createdAt: new Date().toISOString(),
  }
}
const act = (id: string, action: string, fields: Record<string, unknown> = {}) =>
  mutation('issue', id, 'transition', { action, ...fields })
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

describe.each(DIALECTS)('oversight (%s)', (dialect) => {
  let server: TestServer
  let cookie: (person: Person) => string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    cookie = await loginAll(server, PEOPLE)
  })
  afterAll(async () => {
    await server.close()
  })

  /** A report the township has on its desk, escalated by the village. */
  async function escalated(): Promise<string> {
    const id = uuidv7()
    await pushApplied(
      server.app,
      cookie('gridWorker'),
      mutation('issue', id, 'create', {
        ...sampleCapture(),
        photos: [],
        title: '对占道经营罚款有异议',
        gridId: 'demo-t1-v1-g1',
        orgPath: PATHS.g1,
      }),
    )
    await pushApplied(server.app, cookie('villageCadre'), act(id, 'accept'))
    await pushApplied(
      server.app,
      cookie('villageCadre'),
      act(id, 'escalate', { reason: '涉及县级执法' }),
    )
    return id
  }

  async function casesOf(issueId: string): Promise<number> {
    const rows = await server.database.db
      .selectFrom('sync_record')
      .select('version')
      .where('kind', '=', 'self_correction')
      .where('id', '=', issueId)
      .execute()
    return rows.length
  }

  /** The record as `person`'s device holds it after a full pull (a case shares its issue's id). */
  async function seen<T>(
    person: Person,
    id: string,
    kind = 'self_correction',
  ): Promise<T | undefined> {
    const replica = await new Replica(server.app, cookie(person)).sync()
    const puts = replica.pages.flatMap((page) => page.changes)
    const last = puts
      .filter(
        (change) => change.op === 'put' && change.record.kind === kind && change.record.id === id,
      )
      .at(-1)
    return last?.op === 'put' ? (last.record.data as T) : undefined
  }

  it('opens one case for an enforcement complaint and none for a plain dispatch', async () => {
    const [complaint, plain] = [await escalated(), await escalated()]
    const dispatch = act(complaint, 'dispatch', {
      department: PATHS.dept1,
      note: '对城管占道经营罚款的投诉',
      enforcement: 'complaint',
    })
    await pushApplied(server.app, cookie('township'), dispatch)
    await pushApplied(
      server.app,
      cookie('township'),
      act(plain, 'dispatch', { department: PATHS.dept1 }),
    )
    // The same push again (a device that lost the answer): still one case.
    await push(server.app, cookie('township'), [dispatch])
    expect(await casesOf(complaint)).toBe(1)
    expect(await casesOf(plain)).toBe(0)
    const data = await seen<SelfCorrectionData>('department', complaint)
    expect(data).toMatchObject({
      origin: 'complaint',
      issueId: complaint,
      complaintType: 'complaint',
      act: '对城管占道经营罚款的投诉',
      departmentPath: PATHS.dept1,
      supervisionPath: PATHS.justiceBureau,
      status: 'open',
    })
    expect(await seen('justiceBureau', complaint)).toBeDefined()
    expect(await seen('county', complaint)).toBeDefined()
    expect(await seen('otherDepartment', complaint)).toBeUndefined()
    expect(await seen('township', complaint)).toBeUndefined()
  })

  it('opens exactly one case when two devices dispatch at once, and keeps it through a return', async () => {
    const id = await escalated()
    const dispatchTo = (enforcement: string) =>
      act(id, 'dispatch', { department: PATHS.dept1, enforcement })
    const results = await Promise.all([
      pushOne(server.app, cookie('township'), dispatchTo('complaint')),
      pushOne(server.app, cookie('county'), dispatchTo('report')),
    ])
    expect(results.filter((result) => result.status === 'applied')).toHaveLength(1)
    expect(await casesOf(id)).toBe(1)
    // Applied; the department no longer sees the matter it returned.
    expect(
      await pushOne(
        server.app,
        cookie('department'),
        act(id, 'return_to_township', { reason: '非本部门执法' }),
      ),
    ).toMatchObject({ status: 'applied' })
    expect(await pushOne(server.app, cookie('township'), dispatchTo('appeal'))).toMatchObject({
      status: 'applied',
    })
    expect(await casesOf(id)).toBe(1)
  })

  it('lets the department walk the steps and the supervision body check and investigate', async () => {
    const id = await escalated()
    await pushApplied(
      server.app,
      cookie('township'),
      act(id, 'dispatch', { department: PATHS.dept1, enforcement: 'report' }),
    )
    const step = mutation(
      'self_correction',
      id,
      'record_step',
      {
        step: 'file_review',
        doneOn: today,
        findings: '已调取处罚卷宗',
      },
      1,
    )
    const refused = await pushOne(server.app, cookie('justiceBureau'), step)
    expect(refused).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
    await pushApplied(server.app, cookie('department'), { ...step, id: uuidv7() })
    const check = mutation(
      'self_correction',
      id,
      'add_check',
      {
        check: 'file_review',
        doneOn: today,
        findings: '卷宗齐全，程序合法',
      },
      2,
    )
    expect(await pushOne(server.app, cookie('department'), check)).toMatchObject({
      status: 'rejected',
      code: 'forbidden_role',
    })
    const checked = await pushApplied(server.app, cookie('justiceBureau'), {
      ...check,
      id: uuidv7(),
    })
    expect((checked.data as SelfCorrectionData).checks).toHaveLength(1)

    // A correction investigation on another department's act, opened by the body.
    const investigation = {
      origin: 'investigation',
      issueId: null,
      complaintType: null,
      title: '集中整治中的扣押行为',
      act: '县人社局对某企业的扣押',
      departmentPath: PATHS.dept2,
    }
    const opened = uuidv7()
    await pushApplied(
      server.app,
      cookie('justiceBureau'),
      mutation('self_correction', opened, 'create', investigation),
    )
    expect(await seen('otherDepartment', opened)).toMatchObject({ origin: 'investigation' })
    expect(
      await pushOne(
        server.app,
        cookie('department'),
        mutation('self_correction', uuidv7(), 'create', investigation),
      ),
    ).toMatchObject({ status: 'rejected', code: 'forbidden_role' })
  })

  it('shows who applied for review only to the station, its township and the review body', async () => {
    const id = uuidv7()
    await pushApplied(
      server.app,
      cookie('villageCadre'),
      mutation('review_matter', id, 'create', {
        type: 'application',
        receivedOn: today,
        applicant: { name: '李四海', phone: '13812345678' },
        respondent: '县民政局',
        act: '取消低保待遇的决定',
        learnedOn: today,
        request: '撤销取消低保的决定',
      }),
    )
    await pushApplied(
      server.app,
      cookie('township'),
      mutation('review_matter', id, 'forward', { forwardedOn: today }, 1),
    )
    const sight: Partial<Record<Person, string>> = {}
    for (const person of PEOPLE) {
      const data = await seen<ReviewData>(person, id, 'review_matter')
      sight[person] = data ? (data.applicant?.name ?? 'none') : 'unseen'
    }
    expect(sight).toEqual({
      gridWorker: 'unseen',
      villageCadre: '李四海',
      villageMediator: '李**',
      siblingVillageCadre: 'unseen',
      township: '李四海',
      otherTownship: 'unseen',
      county: '李**',
      department: 'unseen',
      otherDepartment: 'unseen',
      justiceBureau: '李四海',
    })
    const decided = await pushApplied(
      server.app,
      cookie('justiceBureau'),
      mutation('review_matter', id, 'decide', { outcome: 'revoked', decidedOn: today }, 2),
    )
    expect(decided.data).toMatchObject({ status: 'decided', decision: { outcome: 'revoked' } })
  })

  it('tells each device the county bodies and whether it is a contact point', async () => {
    const settings = async (person: Person) =>
      (
        await server.app.inject({
          method: 'GET',
          url: '/api/oversight/settings',
          headers: { cookie: cookie(person) },
        })
      ).json<{ isContactPoint: boolean; supervisionBodyPath: string | null }>()
    expect(await settings('villageCadre')).toMatchObject({
      isContactPoint: true,
      supervisionBodyPath: PATHS.justiceBureau,
    })
    expect(await settings('gridWorker')).toMatchObject({ isContactPoint: false })
    const anonymous = await server.app.inject({ method: 'GET', url: '/api/oversight/settings' })
    expect(anonymous.statusCode).toBe(401)
  })
})
