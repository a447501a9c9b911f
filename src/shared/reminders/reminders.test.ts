import { describe, expect, it } from 'vitest'
import {
  deriveReminders,
  newReminders,
  REMINDER_WINDOW_DAYS,
  summarizeReminders,
} from './reminders.ts'
import { REMINDER_ACTIONS, type ReminderInput, type ReminderViewer } from './reminders.types.ts'
import { ISSUE_EVENT_ACTIONS, ISSUE_STATUSES } from '../issue/issue.schema.ts'
import {
  ACCEPT,
  DEPARTMENT,
  DISPATCH,
  ESCALATE,
  GRID,
  issueRow,
  meetingRow,
  OTHER_GRID,
  REGISTER,
  TODAY,
  TOWNSHIP,
  viewer,
  VILLAGE,
} from './reminders.fixtures.ts'

const input = (overrides: Partial<ReminderInput>): ReminderInput => ({
  issues: [],
  meetings: [],
  ...overrides,
})

/** The messages as `kind id`, for compact expectations. */
function kinds(given: Partial<ReminderInput>, who: ReminderViewer): string[] {
  return deriveReminders(input(given), who).map((reminder) => `${reminder.kind} ${reminder.id}`)
}

describe('new matters for my unit', () => {
  it('tells the village cadre of a report registered in the village, not in another', () => {
    const issues = [
      issueRow('a', [REGISTER]),
      issueRow('b', [REGISTER], undefined, { orgPath: OTHER_GRID }),
    ]
    expect(kinds({ issues }, viewer('village_cadre', VILLAGE))).toEqual(['assigned issue:a:1'])
  })

  it('tells the township of an escalation to it, and no other township', () => {
    const issues = [issueRow('a', [REGISTER, ACCEPT, ESCALATE])]
    expect(kinds({ issues }, viewer('township_staff', TOWNSHIP))).toEqual(['assigned issue:a:3'])
    expect(kinds({ issues }, viewer('township_staff', '/c/t2/'))).toEqual([])
  })

  it('tells the department of a dispatch to it, and no other department', () => {
    const issues = [issueRow('a', [REGISTER, ACCEPT, ESCALATE, DISPATCH])]
    expect(kinds({ issues }, viewer('department_staff', DEPARTMENT))).toEqual([
      'assigned issue:a:4',
    ])
    expect(kinds({ issues }, viewer('department_staff', '/c/d2/'))).toEqual([])
  })

  it('never tells people of their own step', () => {
    const issues = [issueRow('a', [REGISTER, ACCEPT, { ...ESCALATE, actorId: 'u-me' }])]
    const township = { ...viewer('township_staff', TOWNSHIP), userId: 'u-me' }
    expect(kinds({ issues }, township)).toEqual([])
  })

  it('tells a role only of what its unit handles (a grid worker hears of no escalation)', () => {
    const issues = [issueRow('a', [REGISTER, ACCEPT, ESCALATE, DISPATCH])]
    expect(kinds({ issues }, viewer('grid_worker', GRID))).toEqual([])
    expect(kinds({ issues }, viewer('mediator', VILLAGE))).toEqual([])
  })
})

describe('returned and reopened matters', () => {
  it('tells the village of a matter the township returned', () => {
    const back = { action: 'return_to_village', toStatus: 'accepted' } as const
    const issues = [issueRow('a', [REGISTER, ACCEPT, ESCALATE, back])]
    expect(kinds({ issues }, viewer('village_cadre', VILLAGE))).toEqual([
      'assigned issue:a:1',
      'returned issue:a:4',
    ])
  })

  it('tells the township of a matter the department returned', () => {
    const back = { action: 'return_to_township', toStatus: 'escalated' } as const
    const issues = [issueRow('a', [REGISTER, ACCEPT, ESCALATE, DISPATCH, back])]
    expect(kinds({ issues }, viewer('township_staff', TOWNSHIP))).toEqual([
      'assigned issue:a:3',
      'returned issue:a:5',
    ])
  })

  it('tells the department that answered of a dissatisfied resident reopening it', () => {
    const reply = { action: 'reply', toStatus: 'awaiting_feedback' } as const
    const reopen = { action: 'feedback', toStatus: 'dispatched' } as const
    const issues = [issueRow('a', [REGISTER, ACCEPT, ESCALATE, DISPATCH, reply, reopen])]
    expect(kinds({ issues }, viewer('department_staff', DEPARTMENT))).toEqual([
      'assigned issue:a:4',
      'reopened issue:a:6',
    ])
  })

  it('finds the department of a reopened matter when the ledger given starts after the dispatch', () => {
    const reopen = { action: 'feedback', toStatus: 'dispatched' } as const
    const row = issueRow('a', [reopen], undefined, { assignedDepartment: DEPARTMENT })
    expect(kinds({ issues: [row] }, viewer('department_staff', DEPARTMENT))).toEqual([
      'reopened issue:a:1',
    ])
  })

  it('says nothing of a satisfied feedback that closes the matter', () => {
    const resolve = { action: 'resolve_locally', toStatus: 'awaiting_feedback' } as const
    const close = { action: 'feedback', toStatus: 'closed' } as const
    const issues = [issueRow('a', [REGISTER, ACCEPT, resolve, close])]
    expect(kinds({ issues }, viewer('village_cadre', VILLAGE))).toEqual(['assigned issue:a:1'])
  })
})

describe('answers to reports', () => {
  const reply = { action: 'reply', toStatus: 'awaiting_feedback' } as const

  it('tells the reporter and the grid worker of the grid that an answer came, so they visit', () => {
    const issues = [issueRow('a', [REGISTER, ACCEPT, ESCALATE, DISPATCH, reply])]
    const reporter = { ...viewer('village_cadre', '/c/t1/v9/'), userId: 'u-grid' }
    expect(kinds({ issues }, reporter)).toEqual(['answered issue:a:5'])
    expect(kinds({ issues }, viewer('grid_worker', GRID))).toContain('answered issue:a:5')
    expect(kinds({ issues }, viewer('grid_worker', OTHER_GRID))).toEqual([])
  })
})

describe('deadlines within one working day, and overdue', () => {
  const waiting = (due: string) => [issueRow('a', [REGISTER], due)]
  const cadre = (today = TODAY) => viewer('village_cadre', VILLAGE, today)
  const deadlineKinds = (due: string, today = TODAY) =>
    deriveReminders(input({ issues: waiting(due) }), cadre(today))
      .filter((reminder) => reminder.kind !== 'assigned')
      .map((reminder) => reminder.kind)

  it('reminds on the due day and on the working day before it, not two working days before', () => {
    expect(deadlineKinds(TODAY)).toEqual(['dueSoon'])
    // Friday: Monday is the next working day, the weekend counts nothing.
    expect(deadlineKinds('2026-11-30')).toEqual(['dueSoon'])
    expect(deadlineKinds('2026-12-01')).toEqual([])
  })

  it('skips a statutory holiday: a matter due after National Day is due soon the day before it', () => {
    // 2026-10-01..07 are holidays; Thursday the 8th is the first working day after them.
    expect(deadlineKinds('2026-10-08', '2026-09-30')).toEqual(['dueSoon'])
    expect(deadlineKinds('2026-10-08', '2026-09-29')).toEqual([])
  })

  it('counts a make-up working day: on Friday 2026-10-09 a Monday deadline is two working days off', () => {
    // Saturday 2026-10-10 is a make-up working day (调休补班).
    expect(deadlineKinds('2026-10-10', '2026-10-09')).toEqual(['dueSoon'])
    expect(deadlineKinds('2026-10-12', '2026-10-09')).toEqual([])
  })

  it('says overdue the day after the due date, with the working days late', () => {
    const [late] = deriveReminders(input({ issues: waiting('2026-11-20') }), cadre()).filter(
      (reminder) => reminder.kind === 'overdue',
    )
    expect(late).toMatchObject({
      id: 'issue:a:overdue:accept:2026-11-20',
      stage: 'accept',
      due: '2026-11-20',
      daysLate: 5,
    })
  })

  it('dates a due-soon message from the working day before the deadline, so it keeps its place', () => {
    const [soon] = deriveReminders(input({ issues: waiting('2026-11-30') }), cadre()).filter(
      (reminder) => reminder.kind === 'dueSoon',
    )
    expect(soon?.at).toBe('2026-11-26T16:00:00.000Z')
  })

  it('reminds only the unit the matter waits on, in its current stage', () => {
    const issues = [issueRow('a', [REGISTER, ACCEPT, ESCALATE], TODAY)]
    expect(kinds({ issues }, viewer('village_cadre', VILLAGE))).not.toContain(
      'dueSoon issue:a:due:township:2026-11-27',
    )
    expect(kinds({ issues }, viewer('township_staff', TOWNSHIP))).toContain(
      'dueSoon issue:a:due:township:2026-11-27',
    )
  })

  it('reminds the grid worker of a feedback visit due, and nothing of an ended matter', () => {
    const resolve = { action: 'resolve_locally', toStatus: 'awaiting_feedback' } as const
    const visit = [issueRow('a', [REGISTER, ACCEPT, resolve], '2026-11-26')]
    expect(kinds({ issues: visit }, viewer('grid_worker', GRID))).toContain(
      'overdue issue:a:overdue:feedback:2026-11-26',
    )
    const closed = [issueRow('b', [REGISTER, { action: 'withdraw', toStatus: 'withdrawn' }])]
    expect(kinds({ issues: closed }, viewer('village_cadre', VILLAGE))).toEqual([
      'assigned issue:b:1',
    ])
  })

  it('holds no village deadline of a report the livelihood list holds', () => {
    const given = { issues: waiting('2026-11-20'), isHeldByList: (id: string) => id === 'a' }
    expect(kinds(given, cadre())).toEqual(['assigned issue:a:1'])
  })
})

describe('invitations to a discussion day', () => {
  it('tells an invited mediator of days ahead, not of past, cancelled or others’ days', () => {
    const meetings = [
      meetingRow('m1', '2026-12-05', ['u-me']),
      meetingRow('m2', '2026-11-20', ['u-me']),
      meetingRow('m3', '2026-12-06', ['u-me'], { status: 'cancelled' }),
      meetingRow('m4', '2026-12-07', ['u-someone']),
    ]
    expect(kinds({ meetings }, viewer('mediator', VILLAGE))).toEqual([
      'invited meeting:m1:invited:2026-12-05',
    ])
  })

  it('invites anew when the day moves to another date', () => {
    const moved = [meetingRow('m1', '2026-12-12', ['u-me'])]
    expect(kinds({ meetings: moved }, viewer('mediator', VILLAGE))).toEqual([
      'invited meeting:m1:invited:2026-12-12',
    ])
  })
})

describe('the ledger actions that can make a message', () => {
  it('are all in REMINDER_ACTIONS, which the device’s lean rows keep', () => {
    // Every action, into every status, seen by every role that holds matters.
    const holders = [
      viewer('grid_worker', GRID),
      viewer('village_cadre', VILLAGE),
      viewer('township_staff', TOWNSHIP),
      viewer('department_staff', DEPARTMENT),
      { ...viewer('village_cadre', VILLAGE), userId: 'u-grid' },
    ]
    for (const action of ISSUE_EVENT_ACTIONS) {
      if (REMINDER_ACTIONS.includes(action)) continue
      for (const toStatus of ISSUE_STATUSES) {
        const issues = [issueRow('a', [{ action, toStatus, details: { department: DEPARTMENT } }])]
        for (const who of holders) {
          expect(
            kinds({ issues }, who).filter(
              (line) => !line.includes(':due:') && !line.includes(':overdue:'),
            ),
          ).toEqual([])
        }
      }
    }
  })
})

describe('the list', () => {
  it('drops event messages older than the window and orders the rest newest first', () => {
    const old = new Date(
      Date.parse('2026-11-27T01:00:00Z') - (REMINDER_WINDOW_DAYS + 1) * 86_400_000,
    )
    const issues = [
      issueRow('old', [{ ...REGISTER, at: old.toISOString() }]),
      issueRow('early', [{ ...REGISTER, at: '2026-11-26T01:00:00.000Z' }]),
      issueRow('late', [{ ...REGISTER, at: '2026-11-27T03:00:00.000Z' }]),
    ]
    expect(kinds({ issues }, viewer('village_cadre', VILLAGE))).toEqual([
      'assigned issue:late:1',
      'assigned issue:early:1',
    ])
  })

  it('summarises unread messages, deadlines near and past, and today’s events for the desk', () => {
    const issues = [issueRow('a', [REGISTER], '2026-11-20'), issueRow('b', [REGISTER], TODAY)]
    const reminders = deriveReminders(input({ issues }), viewer('village_cadre', VILLAGE))
    expect(summarizeReminders(reminders, new Set(['issue:a:1']), TODAY)).toEqual({
      unread: 3,
      dueSoon: 1,
      overdue: 1,
      today: 2,
    })
  })

  it('finds the messages new since the last computation, leaving read ones out', () => {
    const issues = [issueRow('a', [REGISTER]), issueRow('b', [REGISTER]), issueRow('c', [REGISTER])]
    const reminders = deriveReminders(input({ issues }), viewer('village_cadre', VILLAGE))
    const fresh = newReminders(reminders, new Set(['issue:a:1']), new Set(['issue:b:1']))
    expect(fresh.map((reminder) => reminder.id)).toEqual(['issue:c:1'])
  })
})
