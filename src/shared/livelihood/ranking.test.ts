import { describe, expect, it } from 'vitest'
import { addBallot, itemRankChanges, rankCandidates, rankOfItem } from './ranking.ts'
import type { RankingData } from './ranking.schema.ts'

const candidates = [
  { itemId: 'road', title: '村道硬化', votes: 12 },
  { itemId: 'light', title: '路灯维修', votes: 30 },
  { itemId: 'water', title: '自来水入户', votes: 12 },
  { itemId: 'square', title: '文化广场', votes: 3 },
]

function ranking(overrides: Partial<RankingData>): RankingData {
  return {
    orgPath: '/c/t/v/',
    title: '2027年民生实事候选',
    channel: 'meeting',
    meetingId: 'm1',
    candidates,
    maxChoices: 2,
    voters: 40,
    status: 'closed',
    openedBy: 'u1',
    openedByName: '村干部',
    openedAt: '2026-11-01T02:00:00.000Z',
    closedAt: '2026-11-01T04:00:00.000Z',
    ...overrides,
  }
}

describe('ranking', () => {
  it('orders candidates by marks and lets equal marks share a place', () => {
    expect(rankCandidates(candidates).map((c) => [c.itemId, c.rank])).toEqual([
      ['light', 1],
      ['road', 2],
      ['water', 2],
      ['square', 4],
    ])
  })

  it('keeps the cadre’s order between equal marks instead of breaking ties by chance', () => {
    const tied = candidates.map((c) => ({ ...c, votes: 5 }))
    expect(rankCandidates(tied).map((c) => c.itemId)).toEqual(['road', 'light', 'water', 'square'])
    expect(rankCandidates(tied).every((c) => c.rank === 1)).toBe(true)
  })

  it('adds one mark for each item a resident chose', () => {
    const next = addBallot({ candidates, maxChoices: 2 }, ['square', 'road'])
    expect(next?.find((c) => c.itemId === 'square')?.votes).toBe(4)
    expect(next?.find((c) => c.itemId === 'road')?.votes).toBe(13)
    expect(next?.find((c) => c.itemId === 'light')?.votes).toBe(30)
  })

  it('refuses a ballot with too many, repeated, unknown or no choices', () => {
    expect(addBallot({ candidates, maxChoices: 2 }, ['road', 'light', 'water'])).toBeNull()
    expect(addBallot({ candidates, maxChoices: 2 }, ['road', 'road'])).toBeNull()
    expect(addBallot({ candidates, maxChoices: 2 }, ['bridge'])).toBeNull()
    expect(addBallot({ candidates, maxChoices: 2 }, [])).toBeNull()
  })

  it('reads an item’s place from the newest closed ranking that lists it', () => {
    const older = { id: 'r1', data: ranking({ openedAt: '2026-10-01T02:00:00.000Z' }) }
    const newer = {
      id: 'r2',
      data: ranking({
        candidates: candidates.map((c) => ({ ...c, votes: c.itemId === 'square' ? 50 : 1 })),
      }),
    }
    const stillOpen = {
      id: 'r3',
      data: ranking({ status: 'open', openedAt: '2026-12-01T02:00:00.000Z' }),
    }
    expect(rankOfItem('square', [older, newer, stillOpen])).toMatchObject({
      rankingId: 'r2',
      rank: 1,
      of: 4,
      votes: 50,
      voters: 40,
      isFinal: true,
    })
    expect(rankOfItem('bridge', [older, newer])).toBeNull()
    expect(rankOfItem('road', [stillOpen])).toMatchObject({ rankingId: 'r3', isFinal: false })
  })

  it('gives every candidate item its place for the item’s own ranking', () => {
    const changes = itemRankChanges(ranking({}), '2026-11-01')
    expect(changes.find((c) => c.itemId === 'water')?.payload).toEqual({
      method: 'meeting',
      position: 2,
      of: 4,
      votes: 12,
      rankedOn: '2026-11-01',
      meetingId: 'm1',
      note: '',
    })
    expect(
      itemRankChanges(ranking({ channel: 'ballot', meetingId: null }), '2026-11-01')[0]?.payload
        .method,
    ).toBe('public_vote')
  })
})
