import { describe, expect, it } from 'vitest'
import { computeDesk } from '../desk/desk.ts'
import { DEPARTMENT, emptyInput, TODAY } from '../desk/desk.fixtures.ts'
import { opinionsToAnswer } from './consultation.desk.ts'

const due = (date: string) => ({ date, isEstimate: false })

describe('opinions awaiting an answer on the work desk', () => {
  it('counts the department’s unanswered opinions, late ones past the answer deadline', () => {
    const consultations = [
      { id: 'late', data: { status: 'closed' as const, answersDue: due('2026-11-20') } },
      { id: 'open', data: { status: 'open' as const, answersDue: due('2026-12-20') } },
      { id: 'sent', data: { status: 'submitted' as const, answersDue: due('2026-11-01') } },
    ]
    const answer = {
      verdict: 'adopted' as const,
      reason: null,
      answeredAt: '',
      answeredBy: '',
      answeredByName: '',
    }
    const opinion = (consultationId: string, department = DEPARTMENT, isAnswered = false) => ({
      consultationId,
      department,
      answer: isAnswered ? answer : null,
    })
    const toAnswer = opinionsToAnswer(consultations, [
      opinion('late'),
      opinion('late'),
      opinion('late', DEPARTMENT, true),
      opinion('open'),
      opinion('sent'),
      opinion('late', '/c/d2/'),
    ])
    const desk = computeDesk(
      { ...emptyInput(), opinionsToAnswer: toAnswer },
      { userId: 'u', role: 'department_staff', orgPath: DEPARTMENT, today: TODAY },
    )
    expect(desk.counts.find((count) => count.key === 'opinionsToAnswer')).toMatchObject({
      count: 3,
      overdueCount: 2,
      maxDaysLate: 5,
      nextDue: '2026-12-20',
      to: { path: '/consultations' },
    })
  })
})
