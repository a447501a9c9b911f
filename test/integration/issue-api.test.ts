/**
 * Issue reports through the real server's sync API, for every role: who
 * sees a report at each stage of its life, who sees the resident's name and
 * phone, what the server refuses that a device cannot check (a dispatch to
 * something that is not a department, a merge into a report that does not
 * exist or is out of sight), and deadlines counted on the server's clock
 * across National Day and the Spring Festival, with the county's own table.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { uuidv7 } from 'uuidv7'
import { sampleCapture } from '#shared/issue/issue.fixtures.ts'
import { PRIVATE_PLACEHOLDER } from '#shared/issue/issue.kind.ts'
import type { IssueData } from '#shared/issue/issue.schema.ts'
import type { Mutation, MutationResult, SyncRecord } from '#shared/sync/sync.protocol.ts'
import { parseStageDeadlines } from '#server/config.ts'
import { kindsFor } from '#server/sync/kinds.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { PATHS, PHONES, type Person } from '../support/demo-county.ts'
import { pushApplied, pushOne, Replica } from '../support/sync-client.ts'

/** The refusal in `result`; fails the test when the mutation was not refused. */
function refusal(result: MutationResult): Extract<MutationResult, { status: 'rejected' }> {
  if (result.status !== 'rejected') throw new Error(`expected a refusal, got ${result.status}`)
  return result
}

const EVERYONE = Object.keys(PHONES) as Person[]

function mutation(recordId: string, op: string, payload: Record<string, unknown>): Mutation {
  return {
    id: uuidv7(),
    kind: 'issue',
    recordId,
    op,
    payload,
    baseVersion: 0,
    seq: 0,
    deviceId: 'issue-api-test',
    createdAt: new Date().toISOString(),
  }
}

const createIn = (recordId: string, grid: string, path: string, extra = {}) =>
  mutation(recordId, 'create', {
    ...sampleCapture(),
    photos: [],
    gridId: grid,
    orgPath: path,
    ...extra,
  })
const act = (recordId: string, action: string, fields: Record<string, unknown> = {}) =>
  mutation(recordId, 'transition', { action, ...fields })

describe.each(DIALECTS)('issue reports on the API (%s)', (dialect) => {
  let server: TestServer
  const cookies = {} as Record<Person, string>

  beforeAll(async () => {
    server = await createTestServer(dialect)
    for (const person of EVERYONE) cookies[person] = await server.login(PHONES[person])
  })
  afterAll(async () => {
    await server.close()
  })

  /** The report as `person`'s device holds it after a full pull, or undefined. */
  async function seenBy(person: Person, id: string): Promise<IssueData | undefined> {
    const replica = await new Replica(server.app, cookies[person]).sync()
    return replica.records.get(id)?.data as IssueData | undefined
  }

  /** person → 'none' | 'masked' | 'full', for everyone in the demo county. */
  async function sightOf(id: string): Promise<Record<Person, string>> {
    const sight = {} as Record<Person, string>
    for (const person of EVERYONE) {
      const data = await seenBy(person, id)
      sight[person] = !data
        ? 'none'
        : data.resident?.phone === '13812341234' && data.resident.name === '张三丰'
          ? 'full'
          : data.resident?.phone === '138****1234' && data.resident.name === '张**'
            ? 'masked'
            : `unexpected ${JSON.stringify(data.resident)}`
    }
    return sight
  }

  it('shows each role what the rules say at every stage, from capture to closed', async () => {
    const id = uuidv7()
    await pushApplied(server.app, cookies.gridWorker, createIn(id, 'demo-t1-v1-g1', PATHS.g1))
    // Registered at the grid: the grid and the village handle it; above them it is masked.
    expect(await sightOf(id)).toEqual({
      gridWorker: 'full',
      siblingGridWorker: 'none',
      otherVillageGridWorker: 'none',
      otherTownshipGridWorker: 'none',
      villageCadre: 'full',
      villageMediator: 'masked',
      siblingVillageCadre: 'none',
      township: 'masked',
      county: 'masked',
      department: 'none',
      otherDepartment: 'none',
      // Everyone else in the demo county: the admin and the mediators above
      // the village read it masked; other villages, townships and departments
      // see nothing.
      admin: 'masked',
      countyMediator: 'masked',
      townshipMediator: 'masked',
      siblingVillageMediator: 'none',
      otherTownship: 'none',
      otherTownshipVillageCadre: 'none',
      otherTownshipSiblingVillageCadre: 'none',
      otherTownshipVillageMediator: 'none',
      thirdDepartment: 'none',
      justiceBureau: 'none',
      thirdTownshipGridWorker: 'none',
      thirdTownshipSiblingGridWorker: 'none',
      thirdTownshipOtherVillageGridWorker: 'none',
      thirdTownshipOtherVillageSiblingGridWorker: 'none',
      thirdTownshipVillageCadre: 'none',
      thirdTownshipSiblingVillageCadre: 'none',
      // Deputies see only the reports they raised themselves (oversight-deputy.test.ts).
      deputy: 'none',
      otherDeputy: 'none',
    })

    await pushApplied(server.app, cookies.villageCadre, act(id, 'accept'))
    await pushApplied(
      server.app,
      cookies.villageCadre,
      act(id, 'escalate', { reason: '涉及镇级道路，村里无权处置' }),
    )
    // Escalated: now the township handles it and sees who raised it.
    expect(await sightOf(id)).toMatchObject({
      township: 'full',
      county: 'masked',
      department: 'none',
    })

    await pushApplied(
      server.app,
      cookies.township,
      act(id, 'dispatch', { department: PATHS.dept1, note: '请民政局核实' }),
    )
    // Dispatched: the assigned department (only that one) now sees it, in full.
    expect(await sightOf(id)).toMatchObject({
      township: 'full',
      department: 'full',
      otherDepartment: 'none',
      county: 'masked',
      siblingVillageCadre: 'none',
    })

    // The other department cannot reply; the assigned one can.
    const wrongReply = await pushOne(
      server.app,
      cookies.otherDepartment,
      act(id, 'reply', { reply: '已处理' }),
    )
    expect(wrongReply).toMatchObject({ status: 'rejected', code: 'out_of_scope' })
    await pushApplied(server.app, cookies.department, act(id, 'reply', { reply: '已安排维修' }))
    // Feedback is the grid worker's: a township user may not record it.
    const township = await pushOne(
      server.app,
      cookies.township,
      act(id, 'feedback', { satisfaction: 'satisfied', comment: '' }),
    )
    expect(refusal(township).message).toMatch(/[\u4e00-\u9fa5]/)
    const closed = await pushApplied(
      server.app,
      cookies.gridWorker,
      act(id, 'feedback', { satisfaction: 'satisfied', comment: '路灯修好了' }),
    )
    const data = closed.data as IssueData
    expect(data.status).toBe('closed')
    expect(data.events.map((event) => event.action)).toEqual([
      'register',
      'accept',
      'escalate',
      'dispatch',
      'reply',
      'feedback',
    ])
    // The ledger names where each step was taken.
    expect(data.events.map((event) => event.unitPath)).toEqual([
      PATHS.g1,
      PATHS.v1,
      PATHS.v1,
      PATHS.t1,
      PATHS.dept1,
      PATHS.g1,
    ])
  })

  it('shows mediators only that a private matter exists, never its content', async () => {
    const id = uuidv7()
    await pushApplied(
      server.app,
      cookies.gridWorker,
      createIn(id, 'demo-t1-v1-g1', PATHS.g1, { isPrivate: true }),
    )
    const mediator = await seenBy('villageMediator', id)
    expect(mediator).toMatchObject({
      isPrivate: true,
      status: 'registered',
      title: PRIVATE_PLACEHOLDER,
      description: PRIVATE_PLACEHOLDER,
      photos: [],
      gps: null,
      resident: { name: '张**', phone: '138****1234' },
    })
    expect(mediator?.place).toBeUndefined()
    expect(await seenBy('villageCadre', id)).toMatchObject({
      isPrivate: true,
      title: '村口路灯不亮',
      resident: { name: '张三丰', phone: '13812341234' },
    })
  })

  describe('checks what a device cannot', () => {
    let escalated: string
    let version: number

    beforeAll(async () => {
      escalated = uuidv7()
      await pushApplied(
        server.app,
        cookies.gridWorker,
        createIn(escalated, 'demo-t1-v1-g1', PATHS.g1),
      )
      await pushApplied(server.app, cookies.villageCadre, act(escalated, 'accept'))
      const record = await pushApplied(
        server.app,
        cookies.villageCadre,
        act(escalated, 'escalate', { reason: '需镇里协调' }),
      )
      version = record.version
    })

    it.each([
      ['another township', '/demo-county/demo-t2/'],
      ['a unit that does not exist', '/demo-county/demo-dept-99/'],
      ['a village', '/demo-county/demo-t1/'],
    ])('refuses a dispatch to %s and changes nothing', async (_what, department) => {
      const result = await pushOne(
        server.app,
        cookies.township,
        act(escalated, 'dispatch', { department }),
      )
      expect(['unknown_department', 'invalid_payload']).toContain(refusal(result).code)
      expect(refusal(result).message).toMatch(/[\u4e00-\u9fa5]/)
      expect((result.record as SyncRecord).version).toBe(version)
    })

    it('says the department does not exist when the path is well-formed but unknown', async () => {
      const result = await pushOne(
        server.app,
        cookies.township,
        act(escalated, 'dispatch', { department: '/demo-county/demo-dept-99/' }),
      )
      expect(result).toMatchObject({
        status: 'rejected',
        code: 'unknown_department',
        message: '所选县级部门不存在，请重新选择',
      })
    })

    it('refuses to merge into a report that does not exist, is out of sight, or is itself', async () => {
      const siblingVillage = uuidv7()
      await pushApplied(
        server.app,
        cookies.otherVillageGridWorker,
        createIn(siblingVillage, 'demo-t1-v2-g1', PATHS.v2g1),
      )
      const duplicate = uuidv7()
      await pushApplied(
        server.app,
        cookies.gridWorker,
        createIn(duplicate, 'demo-t1-v1-g1', PATHS.g1),
      )

      const missing = await pushOne(
        server.app,
        cookies.villageCadre,
        act(duplicate, 'merge', { into: uuidv7() }),
      )
      expect(missing).toMatchObject({ status: 'rejected', code: 'unknown_merge_target' })
      const outOfSight = await pushOne(
        server.app,
        cookies.villageCadre,
        act(duplicate, 'merge', { into: siblingVillage }),
      )
      expect(outOfSight).toMatchObject({ status: 'rejected', code: 'unknown_merge_target' })
      const itself = await pushOne(
        server.app,
        cookies.villageCadre,
        act(duplicate, 'merge', { into: duplicate }),
      )
      expect(itself).toMatchObject({ status: 'rejected', code: 'invalid_payload' })

      const original = uuidv7()
      await pushApplied(
        server.app,
        cookies.gridWorker,
        createIn(original, 'demo-t1-v1-g1', PATHS.g1),
      )
      const merged = await pushApplied(
        server.app,
        cookies.villageCadre,
        act(duplicate, 'merge', { into: original, note: '同一盏路灯' }),
      )
      expect(merged.data).toMatchObject({ status: 'merged', mergedInto: original })
    })
  })
})

describe.each(DIALECTS)('issue deadlines on the server clock (%s)', (dialect) => {
  afterEach(() => {
    vi.useRealTimers()
  })

  async function registerAt(instant: string, table?: string): Promise<IssueData> {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(instant))
    const server = await createTestServer(dialect, {
      ...(table ? { kinds: kindsFor(parseStageDeadlines(table)) } : {}),
    })
    try {
      const cookie = await server.login(PHONES.gridWorker)
      const record = await pushApplied(
        server.app,
        cookie,
        createIn(uuidv7(), 'demo-t1-v1-g1', PATHS.g1),
      )
      return record.data as IssueData
    } finally {
      await server.close()
    }
  }

  it('counts working days across National Day 2025 (Oct 1–8 off, Sep 28 and Oct 11 worked)', async () => {
    // Registered Tuesday 30 Sep: 2 working days are Thu 9 and Fri 10 Oct.
    const data = await registerAt('2025-09-30T02:00:00.000Z')
    expect(data.deadlines.accept).toMatchObject({
      startedOn: '2025-09-30',
      due: '2025-10-10',
      workingDays: 2,
    })
  })

  it("uses the county's own table: 5 days to accept across the Spring Festival 2026", async () => {
    // Registered Thu 12 Feb 2026: Fri 13, make-up Sat 14, then Feb 15–23 off,
    // Tue 24, Wed 25, Thu 26 → the 5th working day is 26 Feb.
    const data = await registerAt('2026-02-12T02:00:00.000Z', 'accept=5')
    expect(data.deadlines.accept).toMatchObject({
      due: '2026-02-26',
      workingDays: 5,
      isEstimate: false,
    })
  })
})
