/**
 * A mediator changes a matter only through a discussion day it may record
 * (issue #22; the rest of the server's scope decisions: scope-hardening).
 * The attacks below each come back refused with a code, store nothing and
 * reach nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import {
  loginAll,
  push,
  pushApplied,
  pushOne,
  storedVersion,
  syncWrites,
} from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u

const PEOPLE: Person[] = [
  'gridWorker',
  'villageCadre',
  // placed at township demo-t1, not at any village
  'townshipMediator',
]

describe.each(DIALECTS)('mediators act through a day they may record on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

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

  describe('mediators act only through a day they may record', () => {
    /** A private matter of grid g1, accepted, on a 点对点 day of village v1 with no mediator invited. */
    async function acceptedPrivateMatter(): Promise<string> {
      const issueId = newRecordId()
      await pushApplied(
        server.app,
        as('gridWorker'),
        mutation(
          'issue',
          issueId,
          'create',
          sampleCreatePayload({ title: '家庭财产纠纷', isPrivate: true }),
        ),
      )
      await pushApplied(
        server.app,
        as('villageCadre'),
        mutation('issue', issueId, 'transition', { action: 'accept' }, 1),
      )
      return issueId
    }

    /** A 点对点 day of village v1 for `issueId`, no mediator invited. */
    const privateDay = (meetingId: string, issueId: string, date: string) =>
      mutation('meeting', meetingId, 'create', {
        date,
        place: '村委会调解室',
        form: 'point_to_point',
        topics: [
          {
            issueId,
            title: '家庭财产纠纷',
            tags: ['infrastructure'],
            isPrivate: true,
            verdict: 'discussable',
            status: 'accepted',
            orgPath: PATHS.g1,
          },
        ],
        policies: [],
        mediators: [],
        notices: [],
        orgPath: PATHS.v1,
      })

    /** A private matter of grid g1, accepted and scheduled for a 点对点 day with no mediator invited. */
    async function privateMatterOnDay(): Promise<{ issueId: string; meetingId: string }> {
      const issueId = await acceptedPrivateMatter()
      const meetingId = newRecordId()
      const date = '2026-12-05'
      const results = await push(server.app, as('villageCadre'), [
        privateDay(meetingId, issueId, date),
        mutation(
          'issue',
          issueId,
          'transition',
          { action: 'schedule_meeting', meetingId, meetingDate: date, isPointToPoint: true },
          2,
        ),
      ])
      expect(results.map((result) => result.status)).toEqual(['applied', 'applied'])
      return { issueId, meetingId }
    }

    it.each([
      ['escalate', { action: 'escalate', reason: '需镇里协调' }],
      ['resolve_locally', { action: 'resolve_locally', resolution: '已化解' }],
    ])(
      'refuses a township mediator who %ss a private matter of a day it was not invited to',
      async (_name, payload) => {
        const { issueId, meetingId } = await privateMatterOnDay()
        await expectRefused(
          'townshipMediator',
          mutation('issue', issueId, 'transition', { ...payload, meetingId }, 3),
          'not_invited',
        )
        expect(await storedVersion(server.database, 'issue', issueId)).toBe(3)
      },
    )

    it('refuses scheduling a matter to a day that does not list it, or to no day at all', async () => {
      const { issueId } = await privateMatterOnDay()
      const other = newRecordId()
      await pushApplied(
        server.app,
        as('villageCadre'),
        privateDay(other, await acceptedPrivateMatter(), '2026-12-06'),
      )
      await expectRefused(
        'villageCadre',
        mutation(
          'issue',
          issueId,
          'transition',
          {
            action: 'schedule_meeting',
            meetingId: other,
            meetingDate: '2026-12-06',
            isPointToPoint: true,
          },
          3,
        ),
        'not_a_topic',
      )
      await expectRefused(
        'villageCadre',
        mutation(
          'issue',
          issueId,
          'transition',
          {
            action: 'schedule_meeting',
            meetingId: newRecordId(),
            meetingDate: '2026-12-06',
            isPointToPoint: true,
          },
          3,
        ),
        'unknown_meeting',
      )
    })
  })
})
