import { describe, expect, it } from 'vitest'
import { DEMO_PATHS } from '../issue/issue.fixtures.ts'
import { sampleMediator } from './meeting.fixtures.ts'
import {
  isLocked,
  participationCounts,
  suggestMediators,
  topicIneligibility,
  topicSetProblem,
  upcomingFixedDays,
  type TopicCandidate,
} from './meeting.rules.ts'

const open: TopicCandidate = {
  orgPath: DEMO_PATHS.grid,
  status: 'accepted',
  isPrivate: false,
  discussable: { verdict: 'discussable' },
}

describe('topic eligibility', () => {
  it('accepts an open, discussable, non-private report of the village for a collective day', () => {
    expect(topicIneligibility(open, DEMO_PATHS.village, 'fireside_talk')).toBeNull()
    expect(
      topicIneligibility(
        { ...open, status: 'scheduled_for_meeting' },
        DEMO_PATHS.village,
        'collective',
      ),
    ).toBeNull()
  })

  it('accepts a report whose verdict is still unknown, as the issue machine does', () => {
    const unknown = { ...open, discussable: { verdict: 'unknown' as const } }
    expect(topicIneligibility(unknown, DEMO_PATHS.village, 'eaves_classroom')).toBeNull()
  })

  it('refuses a report the discussable-items list excludes', () => {
    const excluded = { ...open, discussable: { verdict: 'not_discussable' as const } }
    expect(topicIneligibility(excluded, DEMO_PATHS.village, 'collective')).toBe('not_discussable')
  })

  it('refuses a private matter for any collective form', () => {
    for (const form of ['fireside_talk', 'eaves_classroom', 'collective', 'fellowship'] as const) {
      expect(topicIneligibility({ ...open, isPrivate: true }, DEMO_PATHS.village, form)).toBe(
        'private',
      )
    }
  })

  it('refuses a report of the sibling village, and of a sibling grid for a grid day', () => {
    const sibling = { ...open, orgPath: DEMO_PATHS.otherVillageGrid }
    expect(topicIneligibility(sibling, DEMO_PATHS.village, 'collective')).toBe('out_of_scope')
    const otherGrid = { ...open, orgPath: DEMO_PATHS.siblingGrid }
    expect(topicIneligibility(otherGrid, DEMO_PATHS.grid, 'collective')).toBe('out_of_scope')
  })

  it('refuses reports that are not open: registered, escalated, awaiting feedback or closed', () => {
    for (const status of ['registered', 'escalated', 'awaiting_feedback', 'closed'] as const) {
      expect(topicIneligibility({ ...open, status }, DEMO_PATHS.village, 'collective')).toBe(
        'not_open',
      )
    }
  })
})

describe('the point-to-point rule', () => {
  it('takes a private matter, whatever the list says, and refuses a public one', () => {
    const privateMatter = {
      ...open,
      isPrivate: true,
      discussable: { verdict: 'not_discussable' as const },
    }
    expect(topicIneligibility(privateMatter, DEMO_PATHS.village, 'point_to_point')).toBeNull()
    expect(topicIneligibility(open, DEMO_PATHS.village, 'point_to_point')).toBe('not_private')
  })

  it('takes exactly one matter per session', () => {
    expect(topicSetProblem('point_to_point', [{ issueId: 'a' }])).toBeNull()
    expect(topicSetProblem('point_to_point', [{ issueId: 'a' }, { issueId: 'b' }])).toBe(
      'point_to_point_one',
    )
    expect(topicSetProblem('point_to_point', [])).toBe('point_to_point_one')
    expect(topicSetProblem('collective', [{ issueId: 'a' }, { issueId: 'b' }])).toBeNull()
  })

  it('refuses the same report twice on one day', () => {
    expect(topicSetProblem('collective', [{ issueId: 'a' }, { issueId: 'a' }])).toBe('duplicate')
  })
})

describe('mediator suggestion ranking', () => {
  const pool = [
    {
      id: 'county-land',
      data: sampleMediator({
        name: '县·甲',
        orgPath: DEMO_PATHS.county,
        level: 'county',
        expertise: ['land', 'infrastructure'],
      }),
    },
    {
      id: 'township-infra',
      data: sampleMediator({
        name: '镇·乙',
        orgPath: DEMO_PATHS.township,
        level: 'township',
        expertise: ['infrastructure'],
      }),
    },
    { id: 'village-infra', data: sampleMediator({ name: '村·丙', expertise: ['infrastructure'] }) },
    { id: 'village-none', data: sampleMediator({ name: '村·丁', expertise: ['health'] }) },
    {
      id: 'sibling-village',
      data: sampleMediator({
        name: '邻村·戊',
        orgPath: DEMO_PATHS.siblingVillage,
        expertise: ['land', 'infrastructure'],
      }),
    },
    {
      id: 'other-township',
      data: sampleMediator({
        name: '他乡·己',
        orgPath: DEMO_PATHS.otherTownship,
        level: 'township',
        expertise: ['land', 'infrastructure'],
      }),
    },
    {
      id: 'retired',
      data: sampleMediator({
        name: '村·庚',
        isActive: false,
        expertise: ['land', 'infrastructure'],
      }),
    },
  ]

  it('ranks by matching expertise, then the nearer level, and leaves out other villages, townships and retired members', () => {
    const ranked = suggestMediators(pool, DEMO_PATHS.grid, ['land', 'infrastructure'])
    expect(ranked.map((entry) => entry.id)).toEqual([
      'county-land',
      'village-infra',
      'township-infra',
      'village-none',
    ])
    expect(ranked[0]?.matches).toEqual(['land', 'infrastructure'])
    expect(ranked.at(-1)?.matches).toEqual([])
  })

  it('puts the more honoured member first between equals of one level', () => {
    const honoured = {
      id: 'honoured',
      data: sampleMediator({
        name: '村·辛',
        expertise: ['infrastructure'],
        honours: [{ year: 2024, title: '优秀解事员' }],
      }),
    }
    const ranked = suggestMediators([...pool, honoured], DEMO_PATHS.village, ['infrastructure'])
    expect(ranked.findIndex((entry) => entry.id === 'honoured')).toBeLessThan(
      ranked.findIndex((entry) => entry.id === 'village-infra'),
    )
  })
})

describe('lock and participation', () => {
  it('locks a signed-off day only', () => {
    expect(isLocked({ status: 'signed_off' })).toBe(true)
    for (const status of ['planned', 'held', 'cancelled'] as const)
      expect(isLocked({ status })).toBe(false)
  })

  it('counts days held or signed off per mediator, each day once', () => {
    const sent = (id: string) => ({ mediatorId: id, name: id, level: 'village' as const })
    const counts = participationCounts([
      { status: 'signed_off', mediators: [sent('a'), sent('b'), sent('a')] },
      { status: 'held', mediators: [sent('a')] },
      { status: 'planned', mediators: [sent('b')] },
      { status: 'cancelled', mediators: [sent('b')] },
    ])
    expect(Object.fromEntries(counts)).toEqual({ a: 2, b: 1 })
  })
})

describe('the fixed-day schedule', () => {
  it('offers the next fixed days, today included, across the year end', () => {
    expect(upcomingFixedDays('2026-11-05', 2)).toEqual(['2026-11-05', '2026-12-05'])
    expect(upcomingFixedDays('2026-11-25', 3)).toEqual(['2026-12-05', '2027-01-05', '2027-02-05'])
  })
})
