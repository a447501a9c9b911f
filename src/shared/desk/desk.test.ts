import { describe, expect, it } from 'vitest'
import { computeDesk, workingDaysLate } from './desk.ts'
import type { DeskCount, DeskInput, DeskViewer } from './desk.types.ts'
import type { SourceItem } from '../livelihood/propagation.ts'
import {
  COUNTY,
  DEPARTMENT,
  emptyInput,
  GRID,
  issueAt,
  meetingAt,
  OTHER_GRID,
  OTHER_TOWNSHIP,
  TODAY,
  TOWNSHIP,
  VILLAGE,
} from './desk.fixtures.ts'

const viewer = (role: DeskViewer['role'], orgPath: string, userId = 'u-me'): DeskViewer => ({
  role,
  orgPath,
  userId,
  today: TODAY,
})

/** The desk's lines as `key[:stage] count/overdue/late/nextDue`, for compact hand-computed expectations. */
function lines(input: DeskInput, who: DeskViewer): string[] {
  return computeDesk(input, who).counts.map(
    (line: DeskCount) =>
      `${line.key}${line.stage ? `:${line.stage}` : ''} ${line.count}/${line.overdueCount}/${line.maxDaysLate}/${line.nextDue ?? '-'}`,
  )
}

describe('working days late', () => {
  it('counts the working days after the due date up to today, skipping the weekend', () => {
    // Due Friday the 20th; Monday 23rd to Friday 27th are five working days.
    expect(workingDaysLate('2026-11-20', TODAY)).toBe(5)
    expect(workingDaysLate('2026-11-26', TODAY)).toBe(1)
    expect(workingDaysLate(TODAY, TODAY)).toBe(0)
    expect(workingDaysLate('2026-12-01', TODAY)).toBe(0)
  })
})

describe('the grid worker desk', () => {
  it('counts the draft, unsent and refused changes, visits due in the grid and open campaigns', () => {
    const input: DeskInput = {
      ...emptyInput(),
      hasCaptureDraft: true,
      unsentCount: 2,
      refusedCount: 1,
      issues: [
        issueAt('awaiting_feedback', '2026-11-24'), // 3 working days late
        issueAt('awaiting_feedback', '2026-12-01'),
        issueAt('awaiting_feedback', '2026-11-30'),
        issueAt('awaiting_feedback', '2026-11-20', { orgPath: OTHER_GRID }), // another grid
        issueAt('registered', '2026-11-20'),
      ],
      campaigns: [
        {
          status: 'open',
          villages: [VILLAGE],
          grids: [],
          opensOn: '2026-11-01',
          closesOn: '2026-12-31',
        },
        { status: 'open', villages: [], grids: [GRID], opensOn: '2026-11-01', closesOn: TODAY },
        {
          status: 'closed',
          villages: [VILLAGE],
          grids: [],
          opensOn: '2026-11-01',
          closesOn: '2026-12-31',
        },
        {
          status: 'open',
          villages: ['/c/t1/v2/'],
          grids: [],
          opensOn: '2026-11-01',
          closesOn: '2026-12-31',
        },
        {
          status: 'open',
          villages: [VILLAGE],
          grids: [],
          opensOn: '2026-12-01',
          closesOn: '2026-12-31',
        },
      ],
    }
    expect(lines(input, viewer('grid_worker', GRID))).toEqual([
      'captureDraft 1/0/0/-',
      'unsent 2/0/0/-',
      'refused 1/0/0/-',
      'feedbackDue 3/1/3/2026-11-30',
      'listFeedbackDue 0/0/0/-',
      'openCampaigns 2/0/0/-',
    ])
  })

  it('asks for a feedback visit on each report of the grid whose livelihood item was returned', () => {
    const returned: SourceItem = {
      id: 'road',
      data: {
        name: '村道硬化',
        status: 'returned',
        sourceIssueIds: ['1', '2', '3'],
        returnReason: '已列入县交通局计划',
        cancelReason: null,
        mergedInto: null,
        progress: [],
        events: [{ action: 'return', at: '2026-11-25T02:00:00.000Z', note: '已列入县交通局计划' }],
      },
    }
    const before = '2026-11-20T02:00:00.000Z'
    const input: DeskInput = {
      ...emptyInput(),
      livelihood: {
        items: [returned],
        reports: [
          { id: '1', status: 'accepted', orgPath: GRID, lastEventAt: before },
          { id: '2', status: 'accepted', orgPath: OTHER_GRID, lastEventAt: before },
          { id: '3', status: 'closed', orgPath: GRID, lastEventAt: before },
        ],
      },
    }
    const desk = computeDesk(input, viewer('grid_worker', GRID))
    expect(desk.counts.find((line) => line.key === 'listFeedbackDue')).toMatchObject({
      count: 1,
      to: { path: '/issues/1' },
    })
  })

  it("shows the village's next planned day, not a past, cancelled or other village's one", () => {
    const input: DeskInput = {
      ...emptyInput(),
      meetings: [
        meetingAt('past', '2026-11-20'),
        meetingAt('later', '2026-12-20'),
        meetingAt('cancelled', '2026-11-30', { status: 'cancelled' }),
        meetingAt('elsewhere', '2026-11-28', { orgPath: '/c/t1/v2/' }),
        meetingAt('next', '2026-12-05', { orgPath: GRID, startTime: '09:30' }),
      ],
    }
    expect(computeDesk(input, viewer('grid_worker', GRID)).nextDay).toEqual({
      id: 'next',
      date: '2026-12-05',
      startTime: '09:30',
      place: 'next的说事站',
    })
  })
})

describe('the village cadre desk', () => {
  it('counts matters to accept, the late ones at the village, the day to plan, minutes and refusals', () => {
    const input: DeskInput = {
      ...emptyInput(),
      refusedCount: 2,
      issues: [
        issueAt('registered', '2026-11-25'), // 2 late
        issueAt('registered', '2026-11-30'),
        issueAt('accepted', '2026-11-19'), // 6 late
        issueAt('scheduled_for_meeting', '2026-12-02'),
        issueAt('escalated', '2026-11-02', { escalatedToTownship: TOWNSHIP }), // not the village's stage
        issueAt('registered', '2026-11-01', { orgPath: '/c/t2/v5/g5/' }), // not ours
      ],
      meetings: [
        meetingAt('held', '2026-10-05', { status: 'held' }),
        meetingAt('cancelled', '2026-11-05', { status: 'cancelled' }),
      ],
    }
    expect(lines(input, viewer('village_cadre', VILLAGE))).toEqual([
      'toAccept 2/1/2/2026-11-30',
      'overdueAtVillage 2/2/6/-',
      'fixedDayToPlan 1/0/0/-',
      'minutesToSignOff 1/0/0/-',
      'refused 2/0/0/-',
    ])
  })

  it('never counts late a report the livelihood list holds, at accept or village stage', () => {
    const heldAccept = issueAt('registered', '2026-11-25')
    const heldVillage = issueAt('accepted', '2026-11-19')
    const heldAbove = issueAt('escalated', '2026-11-02', { escalatedToTownship: TOWNSHIP })
    const input: DeskInput = {
      ...emptyInput(),
      issues: [heldAccept, heldVillage, heldAbove, issueAt('accepted', '2026-11-20')],
      isHeldByList: (issue) => [heldAccept, heldVillage, heldAbove].includes(issue),
    }
    expect(lines(input, viewer('village_cadre', VILLAGE)).slice(0, 2)).toEqual([
      'toAccept 1/0/0/-',
      'overdueAtVillage 1/1/5/-',
    ])
    // Above the village the clock runs as before.
    expect(lines(input, viewer('township_staff', TOWNSHIP))).toContain(
      'overdueByStage:township 1/1/19/-',
    )
  })

  it('has nothing to plan once a day of this month is planned or held', () => {
    const input = {
      ...emptyInput(),
      meetings: [meetingAt('m', '2026-11-05', { status: 'signed_off' })],
    }
    expect(lines(input, viewer('village_cadre', VILLAGE))).toContain('fixedDayToPlan 0/0/0/-')
  })
})

describe('the mediator desk', () => {
  it('lists the planned days from today on that invite this mediator, soonest first', () => {
    const invited = [{ mediatorId: 'm1', name: '老李', level: 'village' as const, userId: 'u-me' }]
    const input: DeskInput = {
      ...emptyInput(),
      meetings: [
        meetingAt('late', '2026-12-10', { mediators: invited }),
        meetingAt('today', TODAY, { mediators: invited, startTime: '14:00' }),
        meetingAt('past', '2026-11-26', { mediators: invited }),
        meetingAt('not-me', '2026-12-01'),
        meetingAt('held', '2026-12-01', { mediators: invited, status: 'held' }),
      ],
    }
    const desk = computeDesk(input, viewer('mediator', VILLAGE))
    expect(desk.invitedDays.map((day) => `${day.id} ${day.date} ${day.place}`)).toEqual([
      'today 2026-11-27 today的说事站',
      'late 2026-12-10 late的说事站',
    ])
    expect(lines(input, viewer('mediator', VILLAGE))).toEqual(['invitedDays 2/0/0/-'])
  })
})

describe('the township desk', () => {
  it('counts escalations, the dispatch queue, overdue matters per stage and reopened ones', () => {
    const input: DeskInput = {
      ...emptyInput(),
      issues: [
        issueAt('escalated', '2026-11-23', { escalatedToTownship: TOWNSHIP }), // 4 late
        issueAt('escalated', '2026-12-04', { escalatedToTownship: TOWNSHIP, reopenCount: 1 }),
        issueAt('dispatched', '2026-12-10', {
          escalatedToTownship: TOWNSHIP,
          assignedDepartment: DEPARTMENT,
        }),
        issueAt('closed', '2026-11-01', { escalatedToTownship: TOWNSHIP }), // ended: not waiting
        issueAt('registered', '2026-11-26'), // 1 late at accept
        issueAt('accepted', '2026-11-26', { reopenCount: 2 }), // 1 late at village, reopened
        issueAt('closed', '2026-11-01', { reopenCount: 1 }), // ended: neither late nor reopened
        issueAt('escalated', '2026-11-02', {
          orgPath: '/c/t2/v5/g5/',
          escalatedToTownship: OTHER_TOWNSHIP,
        }),
      ],
    }
    expect(lines(input, viewer('township_staff', TOWNSHIP))).toEqual([
      'escalatedToUs 3/1/4/2026-12-04',
      'toDispatch 2/1/4/2026-12-04',
      'overdueByStage:accept 1/1/1/-',
      'overdueByStage:village 1/1/1/-',
      'overdueByStage:township 1/1/4/-',
      'reopened 2/1/1/2026-12-04',
    ])
  })
})

describe('the department desk', () => {
  it('counts only its own dispatched matters, interpretations due and post-evaluations', () => {
    const policy = (issuingDepartment: string, date: string, heldOn?: string) => ({
      issuingDepartment,
      interpretationDeadline: { date, isEstimate: false },
      interpretations: heldOn ? [{ heldOn }] : [],
    })
    const input = {
      ...emptyInput(),
      issues: [
        issueAt('dispatched', '2026-11-25', { assignedDepartment: DEPARTMENT }), // 2 late
        issueAt('dispatched', '2026-12-15', { assignedDepartment: DEPARTMENT }),
        issueAt('dispatched', '2026-11-01', { assignedDepartment: '/c/d2/' }),
        issueAt('awaiting_feedback', '2026-11-01', { assignedDepartment: DEPARTMENT }),
      ],
      policies: [
        policy(DEPARTMENT, '2026-11-20'), // overdue, 5 working days
        policy(DEPARTMENT, '2026-12-11'), // pending
        policy(DEPARTMENT, '2026-11-20', '2026-11-19'), // interpreted in time
        policy('/c/d2/', '2026-11-01'), // another department's
      ],
      postEvaluations: [
        { status: 'open', issuingDepartment: DEPARTMENT },
        { status: 'concluded', issuingDepartment: DEPARTMENT },
        { status: 'open', issuingDepartment: '/c/d2/' },
      ],
    } satisfies DeskInput
    expect(lines(input, viewer('department_staff', DEPARTMENT))).toEqual([
      'dispatchedToUs 2/1/2/2026-12-15',
      'interpretationDue 2/1/5/2026-12-11',
      'postEvaluationsToConclude 1/0/0/-',
    ])
  })
})

describe('the county desk', () => {
  it('counts the dispatch queue, overdue matters across the county and open post-evaluations', () => {
    const input: DeskInput = {
      ...emptyInput(),
      issues: [
        issueAt('escalated', '2026-11-26', { escalatedToTownship: TOWNSHIP }), // 1 late
        issueAt('escalated', '2026-12-01', {
          orgPath: '/c/t2/v5/g5/',
          escalatedToTownship: OTHER_TOWNSHIP,
        }),
        issueAt('dispatched', '2026-11-13', { assignedDepartment: DEPARTMENT }), // 10 late
        issueAt('registered', TODAY),
      ],
      postEvaluations: [
        { status: 'open', issuingDepartment: DEPARTMENT },
        { status: 'open', issuingDepartment: '/c/d2/' },
        { status: 'concluded', issuingDepartment: DEPARTMENT },
      ],
    }
    expect(lines(input, viewer('county_staff', COUNTY))).toEqual([
      'dispatchQueue 2/1/1/2026-12-01',
      'overdueInCounty 2/2/10/-',
      'openPostEvaluations 2/0/0/-',
    ])
  })

  it('gives the administrator an empty desk', () => {
    expect(computeDesk(emptyInput(), viewer('admin', COUNTY)).counts).toEqual([])
  })
})
