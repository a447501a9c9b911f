import { describe, expect, it } from 'vitest'
import type { MeetingData } from './meeting.schema.ts'
import { plannedInterpretations } from './planned-interpretation.ts'

const day = (id: string, date: string, status: MeetingData['status'], policyId = 'p-1') => ({
  id,
  data: { date, status, policies: [{ policyId, title: '农村路灯管护办法' }] },
})

describe('why a planned interpretation is not on the policy', () => {
  it('tells each day that lists the policy without its session, by where the day stands', () => {
    const meetings = [
      day('later', '2026-12-05', 'planned'),
      day('passed', '2026-11-05', 'planned'),
      day('held', '2026-11-10', 'held'),
      day('cancelled', '2026-11-12', 'cancelled'),
      day('signed', '2026-11-15', 'signed_off'),
      day('done', '2026-11-20', 'signed_off'),
      day('other', '2026-11-21', 'planned', 'p-2'),
    ]
    expect(plannedInterpretations('p-1', [{ meetingId: 'done' }], meetings, '2026-11-27')).toEqual([
      { meetingId: 'passed', date: '2026-11-05', state: 'not_recorded' },
      { meetingId: 'held', date: '2026-11-10', state: 'not_signed_off' },
      { meetingId: 'cancelled', date: '2026-11-12', state: 'cancelled' },
      { meetingId: 'signed', date: '2026-11-15', state: 'not_interpreted' },
      { meetingId: 'later', date: '2026-12-05', state: 'upcoming' },
    ])
  })
})
