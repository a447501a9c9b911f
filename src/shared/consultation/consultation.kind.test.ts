import { describe, expect, it } from 'vitest'
import { audienceReaches } from '../org/org-path.ts'
import { refusalOf } from '../sync/record-kind.fixtures.ts'
import {
  actingAt,
  actOn,
  DEMO_ACTORS,
  DEMO_PATHS,
  openConsultation,
  recordOpinion,
  sampleConsultation,
} from './consultation.fixtures.ts'
import { createConsultationKind } from './consultation.kind.ts'
import { reviewGateRefusal } from './consultation.machine.ts'
import { answerDeadline, earliestCloseDate, isAnswerOverdue } from './consultation.rules.ts'

const AFTER_CLOSE = '2025-10-09T02:00:00.000Z'
const department = actingAt(DEMO_ACTORS.departmentStaff, AFTER_CLOSE)

function closed() {
  return actOn(openConsultation(), 'close', {}, department)
}

describe('consultation clocks', () => {
  it('needs thirty calendar days between opening and closing by default', () => {
    expect(earliestCloseDate('2025-09-01', { minPeriodDays: 30, answerWorkingDays: 15 })).toBe(
      '2025-10-01',
    )
  })

  it('gives fifteen working days after closing, skipping the National Day holiday', () => {
    // Oct 1–8 off, Oct 11 (Sat) a make-up working day.
    expect(answerDeadline('2025-09-30', { minPeriodDays: 30, answerWorkingDays: 15 })).toEqual({
      date: '2025-10-28',
      isEstimate: false,
    })
  })

  it('fixes the answer deadline when the consultation opens', () => {
    expect(openConsultation().answersDue).toEqual(
      answerDeadline('2025-10-08', { minPeriodDays: 30, answerWorkingDays: 15 }),
    )
  })

  it('counts an unanswered opinion overdue only after the deadline', () => {
    const consultation = closed()
    const due = consultation.answersDue?.date ?? ''
    expect(isAnswerOverdue(consultation, { answer: null }, due)).toBe(false)
    expect(isAnswerOverdue(consultation, { answer: null }, '2025-12-31')).toBe(true)
  })

  it('refuses a period shorter than the county minimum, in Chinese', () => {
    const draft = actOn(null, 'create', { ...sampleConsultation({ closesOn: '2025-09-20' }) })
    const refusal = refusalOf(() => actOn(draft, 'open'))
    expect(refusal.code).toBe('period_too_short')
    expect(refusal.message).toContain('不少于30日')
  })

  it('takes a county minimum from the configuration', () => {
    const kind = createConsultationKind({ minPeriodDays: 10, answerWorkingDays: 5 })
    const draft = actOn(null, 'create', { ...sampleConsultation({ closesOn: '2025-09-20' }) })
    const opened = kind.apply(draft, { op: 'open', payload: {}, baseVersion: 0 }, department)
    expect(opened.status).toBe('open')
  })

  it('refuses a configuration no county can mean', () => {
    expect(() => createConsultationKind({ minPeriodDays: 0, answerWorkingDays: 15 })).toThrow(
      RangeError,
    )
  })
})

describe('consultation machine', () => {
  it('lets only the department itself or the county open one', () => {
    expect(
      refusalOf(() =>
        actOn(null, 'create', { ...sampleConsultation() }, DEMO_ACTORS.otherDepartmentStaff),
      ).code,
    ).toBe('forbidden_role')
    expect(
      refusalOf(() => actOn(null, 'create', { ...sampleConsultation() }, DEMO_ACTORS.gridWorker))
        .code,
    ).toBe('forbidden_role')
    expect(actOn(null, 'create', { ...sampleConsultation() }, DEMO_ACTORS.countyStaff).status).toBe(
      'draft',
    )
  })

  it('keeps a draft with the department and shows an open one to the concerned stations and grids', () => {
    const draft = actOn(null, 'create', { ...sampleConsultation() })
    const kind = createConsultationKind()
    expect(kind.audience(draft)).toEqual([DEMO_PATHS.department])
    const audience = kind.audience(openConsultation())
    expect(audience.some((entry) => audienceReaches(entry, DEMO_PATHS.grid))).toBe(true)
    expect(audience.some((entry) => audienceReaches(entry, DEMO_PATHS.otherTownship))).toBe(false)
  })

  it('refuses to close before the period is over', () => {
    const early = actingAt(DEMO_ACTORS.departmentStaff, '2025-10-08T10:00:00.000Z')
    expect(refusalOf(() => actOn(openConsultation(), 'close', {}, early)).code).toBe(
      'period_not_over',
    )
    expect(closed().status).toBe('closed')
  })

  it('edits a draft only', () => {
    expect(refusalOf(() => actOn(openConsultation(), 'update', { title: '新名称' })).code).toBe(
      'invalid_transition',
    )
  })

  it('records a video meeting held within the period', () => {
    const session = {
      id: '0c1d2e3f-4a5b-4c6d-8e7f-901234567890',
      heldOn: '2025-09-15',
      attendance: 42,
      host: '民政局 王科长',
    }
    const next = actOn(openConsultation(), 'record_session', session, department)
    expect(next.sessions).toHaveLength(1)
    expect(
      refusalOf(() =>
        actOn(openConsultation(), 'record_session', { ...session, heldOn: '2025-08-01' }),
      ).code,
    ).toBe('invalid_payload')
  })

  it('refuses a video meeting beyond the fiftieth in Chinese, not as a broken record', () => {
    let current = openConsultation()
    for (let n = 0; n < 50; n++) {
      const id = `0c1d2e3f-4a5b-4c6d-8e7f-9012345678${String(n).padStart(2, '0')}`
      current = actOn(
        current,
        'record_session',
        { id, heldOn: '2025-09-15', attendance: 1, host: '王科长' },
        department,
      )
    }
    const refusal = refusalOf(() =>
      actOn(
        current,
        'record_session',
        {
          id: '1c1d2e3f-4a5b-4c6d-8e7f-901234567890',
          heldOn: '2025-09-15',
          attendance: 1,
          host: '王科长',
        },
        department,
      ),
    )
    expect(refusal).toMatchObject({
      code: 'too_many_sessions',
      message: '一个事项最多登记50次视频会',
    })
  })

  it('needs a policy for a decided normative document', () => {
    const submitted = actOn(closed(), 'submit_for_review', {}, department)
    const decision = { result: '审议通过', implementationPlan: '2026年1月1日起施行' }
    expect(refusalOf(() => actOn(submitted, 'decide', decision, department)).code).toBe(
      'invalid_payload',
    )
    const policyId = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a'
    const decided = actOn(submitted, 'decide', { ...decision, policyId }, department)
    expect(decided.status).toBe('decided')
    expect(decided.decision?.policyId).toBe(policyId)
  })
})

describe('the review gate', () => {
  it('refuses a draft, saying how an exempt draft may go instead', () => {
    const draft = actOn(null, 'create', { ...sampleConsultation() })
    const refusal = refusalOf(() => actOn(draft, 'submit_for_review'))
    expect(refusal.code).toBe('review_gate')
    expect(refusal.message).toContain('尚未征求群众意见')
  })

  it('refuses while the consultation is still open', () => {
    expect(refusalOf(() => actOn(openConsultation(), 'submit_for_review')).message).toBe(
      '征求意见尚未结束，不能提交集体审议',
    )
  })

  it('counts the unanswered opinions the device holds', () => {
    const opinions = [recordOpinion(), recordOpinion()]
    const refusal = reviewGateRefusal(closed(), opinions)
    expect(refusal?.code).toBe('review_gate')
    expect(refusal?.message).toBe('还有2条意见未答复，全部答复后才能提交集体审议')
  })

  it('lets a closed consultation through once every opinion is answered', () => {
    const answered = { ...recordOpinion(), answer: null }
    expect(reviewGateRefusal(closed(), [answered])).not.toBeNull()
    const answer = {
      verdict: 'adopted' as const,
      reason: null,
      answeredAt: AFTER_CLOSE,
      answeredBy: 'u',
      answeredByName: 'n',
    }
    expect(reviewGateRefusal(closed(), [{ ...answered, answer }])).toBeNull()
    expect(actOn(closed(), 'submit_for_review', {}, department).status).toBe('submitted')
  })

  it('lets an exempt draft through with its ground, reason and approver', () => {
    const draft = actOn(null, 'create', { ...sampleConsultation() })
    expect(refusalOf(() => actOn(draft, 'exempt', { ground: 'urgent', reason: '' })).code).toBe(
      'invalid_payload',
    )
    const exempt = actOn(draft, 'exempt', {
      ground: 'urgent',
      reason: '汛期群众安置，须立即出台',
      approver: '县长 张某',
    })
    expect(reviewGateRefusal(exempt, [])).toBeNull()
    expect(actOn(exempt, 'submit_for_review').status).toBe('submitted')
  })

  it('refuses an exemption once the consultation is open', () => {
    const refusal = refusalOf(() =>
      actOn(openConsultation(), 'exempt', { ground: 'urgent', reason: '紧急', approver: '县长' }),
    )
    expect(refusal.code).toBe('invalid_transition')
  })
})
