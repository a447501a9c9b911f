/**
 * Issue #12's rules for issue reports on the real server, SQLite and
 * PostgreSQL: a 不满意 returns the matter to the unit that answered (item 6);
 * who may change the privacy flag later and what that does to discussion
 * days (item 7); a day's 达成共识 moves the matter on (item 10a).
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { PRIVATE_PLACEHOLDER } from '#shared/issue/issue.kind.ts'
import type { IssueData } from '#shared/issue/issue.schema.ts'
import type { MeetingData } from '#shared/meeting/meeting.schema.ts'
import type { MutationResult, SyncRecord } from '#shared/sync/sync.protocol.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import {
  loginAll,
  push,
  pushApplied,
  pushOne,
  pushRaw,
  Replica,
  syncWrites,
} from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = [
  'gridWorker',
  'villageCadre',
  'siblingVillageCadre',
  'villageMediator',
  'township',
  'otherTownship',
  'department',
  'otherDepartment',
  'county',
] as const satisfies readonly Person[]
type Who = (typeof PEOPLE)[number]

const DEPT = PATHS.dept1
const TODAY = chinaDate(new Date().toISOString())

describe.each(DIALECTS)('issue field fixes on %s', (dialect) => {
  let server: TestServer
  let as: (who: Who) => string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  /** The server's current record of issue `id`, as `who` sees it. */
  async function issueAs(who: Who, id: string): Promise<SyncRecord | undefined> {
    const replica = await new Replica(server.app, as(who)).sync()
    return replica.records.get(id)
  }
  const dataOf = (record: SyncRecord | undefined) => record?.data as IssueData | undefined

  /** Takes `action` on issue `id` as `who`; the result. */
  function act(who: Who, id: string, action: string, fields: Record<string, unknown> = {}) {
    return pushOne(server.app, as(who), mutation('issue', id, 'transition', { action, ...fields }))
  }
  async function applied(who: Who, id: string, action: string, fields = {}): Promise<IssueData> {
    const record = await pushApplied(
      server.app,
      as(who),
      mutation('issue', id, 'transition', { action, ...fields }),
    )
    return record.data as IssueData
  }
  function refused(result: MutationResult) {
    expect(result.status).toBe('rejected')
    return result.status === 'rejected' ? { code: result.code, message: result.message } : null
  }

  async function acceptedIssue(title: string, extra: Record<string, unknown> = {}) {
    const id = newRecordId()
    await pushApplied(
      server.app,
      as('gridWorker'),
      mutation('issue', id, 'create', sampleCreatePayload({ title, photos: [], ...extra })),
    )
    await applied('villageCadre', id, 'accept')
    return id
  }

  async function repliedByDepartment(title: string): Promise<string> {
    const id = await acceptedIssue(title)
    await applied('villageCadre', id, 'escalate', { reason: '村里无力解决' })
    await applied('township', id, 'dispatch', { department: DEPT })
    await applied('department', id, 'reply', { reply: '已安排维修' })
    return id
  }

  describe('#12.6 不满意 returns the matter to the unit that answered', () => {
    it('sends a department’s answer back to that department, which still sees and handles it', async () => {
      const id = await repliedByDepartment('路灯修了又坏')
      const data = await applied('gridWorker', id, 'feedback', {
        satisfaction: 'dissatisfied',
        comment: '修好三天又坏了',
      })
      expect(data).toMatchObject({ status: 'dispatched', assignedDepartment: DEPT, reopenCount: 1 })
      expect(data.events.at(-1)?.details).toMatchObject({ satisfaction: 'dissatisfied' })
      expect(data.deadlines.department?.startedOn).toBe(TODAY)
      expect(dataOf(await issueAs('department', id))?.status).toBe('dispatched')
      // The department answers again; a satisfied resident then closes it.
      await applied('department', id, 'reply', { reply: '已更换整条线路' })
      const closed = await applied('gridWorker', id, 'feedback', { satisfaction: 'satisfied' })
      expect(closed).toMatchObject({ status: 'closed', reopenCount: 1 })
    })

    it('sends a township’s answer back to the township, and a village’s to the village', async () => {
      const byTownship = await acceptedIssue('乡道坑洼')
      await applied('villageCadre', byTownship, 'escalate', { reason: '需乡镇协调' })
      await applied('township', byTownship, 'resolve_by_township', { resolution: '已填补' })
      const back = await applied('gridWorker', byTownship, 'feedback', {
        satisfaction: 'dissatisfied',
        comment: '只补了一半',
      })
      expect(back).toMatchObject({
        status: 'escalated',
        escalatedToTownship: PATHS.t1,
        reopenCount: 1,
      })

      const byVillage = await acceptedIssue('垃圾没人收')
      await applied('villageCadre', byVillage, 'resolve_locally', { resolution: '已协调保洁' })
      const village = await applied('gridWorker', byVillage, 'feedback', {
        satisfaction: 'dissatisfied',
        comment: '还是没人收',
      })
      expect(village).toMatchObject({ status: 'accepted', reopenCount: 1 })
    })

    it('refuses the other department the reopened matter', async () => {
      const id = await repliedByDepartment('井盖缺失')
      await applied('gridWorker', id, 'feedback', { satisfaction: 'dissatisfied', comment: '没修' })
      expect(refused(await act('otherDepartment', id, 'reply', { reply: '已修' }))?.code).toBe(
        'out_of_scope',
      )
    })
  })

  describe('#12.7 the privacy flag, changed later with a reason', () => {
    it('lets the village cadre make a matter private with a reason, in the ledger, hiding it from mediators', async () => {
      const id = await acceptedIssue('家庭纠纷')
      const data = await applied('villageCadre', id, 'set_private', {
        isPrivate: true,
        reason: '涉及家庭矛盾，群众要求保密',
      })
      expect(data).toMatchObject({ isPrivate: true, status: 'accepted' })
      expect(data.events.at(-1)).toMatchObject({
        action: 'set_private',
        fromStatus: 'accepted',
        toStatus: 'accepted',
        note: '涉及家庭矛盾，群众要求保密',
        details: { from: 'false', to: 'true' },
      })
      expect(dataOf(await issueAs('villageMediator', id))?.title).toBe(PRIVATE_PLACEHOLDER)
    })

    it('refuses a wrong role, a unit out of scope and a missing reason, in Chinese, changing nothing', async () => {
      const id = await acceptedIssue('宅基地边界')
      for (const [who, code] of [
        ['gridWorker', 'forbidden_role'],
        ['villageMediator', 'forbidden_role'],
        ['county', 'forbidden_role'],
        ['siblingVillageCadre', 'out_of_scope'],
        ['otherTownship', 'out_of_scope'],
        ['department', 'out_of_scope'],
      ] as const) {
        const refusal = refused(
          await act(who, id, 'set_private', { isPrivate: true, reason: '保密' }),
        )
        expect(refusal?.code, who).toBe(code)
        expect(refusal?.message, who).toMatch(/[\u4e00-\u9fa5]/)
      }
      expect(refused(await act('villageCadre', id, 'set_private', { isPrivate: true }))).toEqual({
        code: 'invalid_payload',
        message: '请填写调整理由',
      })
      expect(
        refused(await act('villageCadre', id, 'set_private', { isPrivate: false, reason: '公开' })),
      ).toEqual({ code: 'invalid_payload', message: '该说事未标记为涉及个人隐私' })
      const data = dataOf(await issueAs('villageCadre', id))
      expect(data?.isPrivate).toBe(false)
      expect(data?.events.map((event) => event.action)).toEqual(['register', 'accept'])
    })

    it('lets the township change it while the matter is escalated to it, the department while dispatched to it', async () => {
      const id = await acceptedIssue('低保评定争议')
      await applied('villageCadre', id, 'escalate', { reason: '需乡镇复核' })
      expect(
        (await applied('township', id, 'set_private', { isPrivate: true, reason: '涉及收入' }))
          .isPrivate,
      ).toBe(true)
      await applied('township', id, 'dispatch', { department: DEPT })
      expect(
        refused(await act('township', id, 'set_private', { isPrivate: false, reason: '可公开' }))
          ?.code,
      ).toBe('forbidden_role')
      expect(
        (await applied('department', id, 'set_private', { isPrivate: false, reason: '已脱敏' }))
          .isPrivate,
      ).toBe(false)
    })

    /** Two accepted matters scheduled on one new collective day; their ids and the day's. */
    async function matterPairOnADay(titles: [string, string]) {
      const ids = [await acceptedIssue(titles[0]), await acceptedIssue(titles[1])]
      const meetingId = newRecordId()
      const topic = (id: string, title: string) => ({
        issueId: id,
        title,
        tags: ['infrastructure'],
        isPrivate: false,
        verdict: 'discussable',
        status: 'accepted',
        orgPath: PATHS.g1,
      })
      const results = await push(server.app, as('villageCadre'), [
        mutation('meeting', meetingId, 'create', {
          date: TODAY,
          place: '柳河村说事站',
          form: 'fireside_talk',
          topics: [topic(ids[0]!, titles[0]), topic(ids[1]!, titles[1])],
          policies: [],
          mediators: [],
          notices: [],
          orgPath: PATHS.v1,
        }),
        ...ids.map((id) =>
          mutation('issue', id, 'transition', {
            action: 'schedule_meeting',
            meetingId,
            meetingDate: TODAY,
          }),
        ),
      ])
      expect(results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied'])
      return { ids, meetingId }
    }

    it('takes a matter turned private off the collective day it was on, and the day off it', async () => {
      const { ids, meetingId } = await matterPairOnADay(['邻里占道', '村道排水'])

      const data = await applied('villageCadre', ids[0]!, 'set_private', {
        isPrivate: true,
        reason: '当事人不愿公开',
      })
      expect(data).toMatchObject({ status: 'accepted', meeting: null, isPrivate: true })
      expect(data.events.at(-1)?.details).toMatchObject({ leftMeeting: meetingId })

      const replica = await new Replica(server.app, as('villageCadre')).sync()
      const day = replica.records.get(meetingId)?.data as MeetingData
      expect(day.topics.map((entry) => entry.issueId)).toEqual([ids[1]])
      expect(day.events.at(-1)).toMatchObject({
        action: 'drop_topic',
        note: '议题已标记为涉及个人隐私，移出集体议事',
      })
      // The day's ledger never names the private matter.
      expect(JSON.stringify(day)).not.toContain('邻里占道')
    })

    it('turns a matter private and takes it off its day in one commit, or does neither', async () => {
      const { ids, meetingId } = await matterPairOnADay(['宅基地边界', '渠道清淤'])
      const turnPrivate = mutation('issue', ids[0]!, 'transition', {
        action: 'set_private',
        isPrivate: true,
        reason: '当事人不愿公开',
      })
      const before = await syncWrites(server.database)
      await failMeetingLogWrites(server, true)
      try {
        // The day cannot be written: the flag must not be stored without it.
        const response = await pushRaw(server.app, as('villageCadre'), {
          mutations: [turnPrivate],
        })
        expect(response.statusCode).toBe(500)
        expect(await syncWrites(server.database)).toEqual(before)
      } finally {
        await failMeetingLogWrites(server, false)
      }
      expect(dataOf(await issueAs('villageCadre', ids[0]!))?.isPrivate).toBe(false)
      // The device's re-send then does both.
      expect((await pushOne(server.app, as('villageCadre'), turnPrivate)).status).toBe('applied')
      const replica = await new Replica(server.app, as('villageCadre')).sync()
      const day = replica.records.get(meetingId)?.data as MeetingData
      expect(day.topics.map((entry) => entry.issueId)).toEqual([ids[1]])
    })

    it('ends consistent after a burst of parallel flips', async () => {
      const id = await acceptedIssue('土地承包纠纷')
      const flips = Array.from({ length: 8 }, (_, index) =>
        act('villageCadre', id, 'set_private', {
          isPrivate: index % 2 === 0,
          reason: `第${index + 1}次调整`,
        }),
      )
      const results = await Promise.all(flips)
      const data = dataOf(await issueAs('villageCadre', id))!
      const changes = data.events.filter((event) => event.action === 'set_private')
      expect(changes.length).toBe(results.filter((result) => result.status === 'applied').length)
      // Each applied change flipped the flag from what it was; the last one stands.
      let flag = false
      for (const change of changes) {
        expect(change.details).toEqual({ from: String(flag), to: String(!flag) })
        flag = !flag
      }
      expect(data.isPrivate).toBe(flag)
      for (const result of results.filter((entry) => entry.status === 'rejected')) {
        expect(refused(result)?.code).toBe('invalid_payload')
      }
    })
  })

  describe('#12.10a a day’s 达成共识 moves the matter on', () => {
    it('records the agreement on the issue: no longer 待议事, the day in its ledger', async () => {
      const id = await acceptedIssue('文化广场使用时间')
      const meetingId = newRecordId()
      const results = await push(server.app, as('villageCadre'), [
        mutation('meeting', meetingId, 'create', {
          date: TODAY,
          place: '柳河村说事站',
          form: 'collective',
          topics: [
            {
              issueId: id,
              title: '文化广场使用时间',
              tags: ['infrastructure'],
              isPrivate: false,
              verdict: 'discussable',
              status: 'accepted',
              orgPath: PATHS.g1,
            },
          ],
          policies: [],
          mediators: [],
          notices: [],
          orgPath: PATHS.v1,
        }),
        mutation('issue', id, 'transition', {
          action: 'schedule_meeting',
          meetingId,
          meetingDate: TODAY,
        }),
      ])
      expect(results.map((result) => result.status)).toEqual(['applied', 'applied'])
      const recorded = await push(server.app, as('villageCadre'), [
        mutation('meeting', meetingId, 'record', {
          topics: [{ issueId: id, outcome: 'agreed', minutes: '晚八点后停止广场舞' }],
        }),
        mutation('issue', id, 'transition', {
          action: 'agree',
          agreement: '晚八点后停止广场舞',
          meetingId,
        }),
      ])
      expect(recorded.map((result) => result.status)).toEqual(['applied', 'applied'])
      const data = dataOf(await issueAs('gridWorker', id))!
      expect(data.status).toBe('accepted')
      expect(data.events.at(-1)).toMatchObject({
        action: 'agree',
        note: '晚八点后停止广场舞',
        details: { meetingId, meetingDate: TODAY },
      })
      // Only through a day the matter is on.
      const other = await acceptedIssue('另一件事')
      expect(
        refused(await act('villageCadre', other, 'agree', { agreement: '同意', meetingId }))?.code,
      ).toBe('invalid_transition')
    })
  })
})

/** Makes every change-log entry of a discussion day fail inside the database (a trigger). */
async function failMeetingLogWrites(server: TestServer, on: boolean): Promise<void> {
  const { db, dialect } = server.database
  if (dialect === 'sqlite') {
    await sql`drop trigger if exists fail_meeting_log`.execute(db)
    if (on) {
      await sql`create trigger fail_meeting_log before insert on change_log
        when new.record_key like 'meeting:%'
        begin select raise(abort, 'injected failure'); end`.execute(db)
    }
    return
  }
  await sql`drop trigger if exists fail_meeting_log on change_log`.execute(db)
  if (!on) return
  await sql`create or replace function fail_meeting_log() returns trigger language plpgsql as $$
    begin
      if new.record_key like 'meeting:%' then raise exception 'injected failure'; end if;
      return new;
    end $$`.execute(db)
  await sql`create trigger fail_meeting_log before insert on change_log
    for each row execute function fail_meeting_log()`.execute(db)
}
