import { describe, expect, it } from 'vitest'
import type { LivelihoodStatus } from './livelihood.schema.ts'
import {
  feedbackVisitsDue,
  listingOf,
  reportsHeldOnSchedule,
  type SourceItem,
} from './propagation.ts'

function item(
  id: string,
  status: LivelihoodStatus,
  overrides: Partial<SourceItem['data']> = {},
): SourceItem {
  return {
    id,
    data: {
      name: '柳河村村道硬化',
      status,
      sourceIssueIds: ['1', '2', '3'],
      returnReason: null,
      cancelReason: null,
      mergedInto: null,
      progress: [],
      events: [{ action: 'propose', at: '2026-03-01T02:00:00.000Z', note: '' }],
      ...overrides,
    },
  }
}

const returned = item('road', 'returned', {
  returnReason: '已列入县交通局年度计划',
  events: [
    { action: 'propose', at: '2026-03-01T02:00:00.000Z', note: '' },
    { action: 'return', at: '2026-04-02T02:00:00.000Z', note: '已列入县交通局年度计划' },
  ],
})

describe('answered and settled', () => {
  it('shows each source report its item with the latest progress', () => {
    const building = item('road', 'in_progress', {
      progress: [
        { date: '2026-05-01', percent: 40, note: '路基完成' },
        { date: '2026-06-01', percent: 70, note: '铺设路面' },
      ],
    })
    for (const id of ['1', '2', '3']) {
      expect(listingOf(id, [building])).toMatchObject({
        itemId: 'road',
        status: 'in_progress',
        percent: 70,
        latestProgress: { date: '2026-06-01', note: '铺设路面' },
        reason: null,
      })
    }
    expect(listingOf('4', [building])).toBeNull()
  })

  it('gives every source report the reason of a return', () => {
    for (const id of ['1', '2', '3']) {
      expect(listingOf(id, [returned])).toMatchObject({
        reason: '已列入县交通局年度计划',
        turnedDownAt: '2026-04-02T02:00:00.000Z',
      })
    }
  })

  it('keeps a cancellation’s reason on a report no other item holds', () => {
    const cancelled = item('road', 'cancelled', {
      cancelReason: '村民另行筹资解决',
      events: [{ action: 'cancel', at: '2026-04-03T02:00:00.000Z', note: '村民另行筹资解决' }],
    })
    expect(listingOf('1', [cancelled])?.reason).toBe('村民另行筹资解决')
    const again = item('road-2', 'listed', { sourceIssueIds: ['1'] })
    expect(listingOf('1', [cancelled, again])).toMatchObject({ itemId: 'road-2', reason: null })
  })

  it('lets a merged item hand its reports on instead of answering them', () => {
    const merged = item('road', 'merged', { mergedInto: 'county-road' })
    const joined = item('county-road', 'accepted', { sourceIssueIds: ['1', '2', '3', '9'] })
    expect(listingOf('2', [merged, joined])?.itemId).toBe('county-road')
  })

  it('holds the village clock of reports whose item is on schedule only', () => {
    const onTime = item('a', 'accepted', { sourceIssueIds: ['1'] })
    const late = item('b', 'in_progress', { sourceIssueIds: ['2'] })
    const held = reportsHeldOnSchedule([onTime, late, returned], (i) => i.id === 'b')
    expect([...held]).toEqual(['1'])
  })

  it('puts a feedback visit on the desk for each untouched report of a returned item', () => {
    const reports = [
      { id: '1', status: 'accepted', lastEventAt: '2026-03-05T02:00:00.000Z' },
      // The village already answered this one after the return.
      { id: '2', status: 'awaiting_feedback', lastEventAt: '2026-04-05T02:00:00.000Z' },
      { id: '3', status: 'withdrawn', lastEventAt: '2026-03-05T02:00:00.000Z' },
      { id: '4', status: 'accepted', lastEventAt: '2026-03-05T02:00:00.000Z' },
    ]
    expect(feedbackVisitsDue(reports, [returned]).map((r) => r.id)).toEqual(['1'])
    expect(feedbackVisitsDue(reports, [item('road', 'accepted')])).toEqual([])
  })
})
