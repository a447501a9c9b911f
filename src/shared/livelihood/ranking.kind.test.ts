import { describe, expect, it } from 'vitest'
import { DEMO_ACTORS, DEMO_PATHS } from '../issue/issue.fixtures.ts'
import type { Actor } from '../sync/record-kind.ts'
import { PUBLIC_RANKING_ACTOR_ID, rankingKind } from './ranking.kind.ts'
import type { RankingData } from './ranking.schema.ts'
import { refusalCodeOf } from '../sync/record-kind.fixtures.ts'

const { villageCadre, gridWorker } = DEMO_ACTORS
const publicActor: Actor = { ...DEMO_ACTORS.countyStaff, userId: PUBLIC_RANKING_ACTOR_ID }

function createPayload(channel: 'meeting' | 'ballot') {
  return {
    orgPath: DEMO_PATHS.village,
    title: '2027年民生实事候选',
    channel,
    meetingId: channel === 'meeting' ? 'meeting-1' : null,
    candidates: [
      { itemId: 'road', title: '村道硬化' },
      { itemId: 'light', title: '路灯维修' },
      { itemId: 'water', title: '自来水入户' },
    ],
    maxChoices: 2,
  }
}

function open(channel: 'meeting' | 'ballot'): RankingData {
  return rankingKind.apply(
    null,
    { op: 'create', payload: createPayload(channel), baseVersion: 0 },
    villageCadre,
  )
}

describe('ranking kind', () => {
  it('opens a ranking with no marks, homed at the village', () => {
    const data = open('ballot')
    expect(data.candidates.map((c) => c.votes)).toEqual([0, 0, 0])
    expect(data).toMatchObject({ status: 'open', voters: 0, openedBy: villageCadre.userId })
    expect(rankingKind.audience(data)).toEqual([DEMO_PATHS.village])
  })

  it('refuses a grid worker, a grid as home, and a day ranking without its day', () => {
    const op = { op: 'create', payload: createPayload('ballot'), baseVersion: 0 }
    expect(refusalCodeOf(() => rankingKind.apply(null, op, gridWorker))).toBe('forbidden_role')
    const atGrid = { ...op, payload: { ...createPayload('ballot'), orgPath: DEMO_PATHS.grid } }
    expect(refusalCodeOf(() => rankingKind.apply(null, atGrid, villageCadre))).toBe(
      'invalid_payload',
    )
    const noDay = { ...op, payload: { ...createPayload('meeting'), meetingId: null } }
    expect(refusalCodeOf(() => rankingKind.apply(null, noDay, villageCadre))).toBe(
      'invalid_payload',
    )
  })

  it('records the day’s counts in the minutes and closes the ranking', () => {
    const tallied = rankingKind.apply(
      open('meeting'),
      {
        op: 'tally',
        payload: {
          voters: 20,
          votes: [
            { itemId: 'road', votes: 18 },
            { itemId: 'light', votes: 9 },
            { itemId: 'water', votes: 11 },
          ],
        },
        baseVersion: 1,
      },
      villageCadre,
    )
    expect(tallied).toMatchObject({ status: 'closed', voters: 20 })
    expect(tallied.candidates.map((c) => c.votes)).toEqual([18, 9, 11])
  })

  it('refuses counts that more residents could not have given', () => {
    const tally = (voters: number, votes: number[]) =>
      refusalCodeOf(() =>
        rankingKind.apply(
          open('meeting'),
          {
            op: 'tally',
            payload: {
              voters,
              votes: ['road', 'light', 'water'].map((itemId, i) => ({ itemId, votes: votes[i] })),
            },
            baseVersion: 1,
          },
          villageCadre,
        ),
      )
    expect(tally(10, [11, 0, 0])).toBe('invalid_payload')
    expect(tally(10, [10, 10, 1])).toBe('invalid_payload')
  })

  it('takes a public ballot only from the public route’s system actor', () => {
    const ballot = { op: 'ballot', payload: { choices: ['water', 'road'] }, baseVersion: 1 }
    expect(refusalCodeOf(() => rankingKind.apply(open('ballot'), ballot, villageCadre))).toBe(
      'forbidden_role',
    )
    const next = rankingKind.apply(open('ballot'), ballot, publicActor)
    expect(next.voters).toBe(1)
    expect(next.candidates.map((c) => c.votes)).toEqual([1, 0, 1])
    expect(refusalCodeOf(() => rankingKind.apply(open('meeting'), ballot, publicActor))).toBe(
      'invalid_transition',
    )
  })

  it('refuses ballots once the cadre closed the ranking', () => {
    const closed = rankingKind.apply(
      open('ballot'),
      { op: 'close', payload: {}, baseVersion: 1 },
      villageCadre,
    )
    const ballot = { op: 'ballot', payload: { choices: ['road'] }, baseVersion: 2 }
    expect(refusalCodeOf(() => rankingKind.apply(closed, ballot, publicActor))).toBe(
      'invalid_transition',
    )
  })
})
