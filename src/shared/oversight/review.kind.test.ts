import { describe, expect, it } from 'vitest'
import { actingAt, DEMO_ACTORS, DEMO_PATHS } from '../issue/issue.fixtures.ts'
import type { Actor } from '../sync/record-kind.ts'
import { refusalCodeOf } from '../sync/record-kind.fixtures.ts'
import { reviewApplicationDue, reviewDaysLeft } from './review.deadline.ts'
import { createReviewKind } from './review.kind.ts'
import type { ReviewData } from './review.schema.ts'

const BODY = '/demo-county/demo-dept-2/'
const BODY_ID = 'demo-dept-2'
const kind = createReviewKind({ reviewBody: BODY_ID, contactPoints: null })
const {
  villageCadre,
  townshipStaff,
  countyStaff,
  villageMediator,
  gridWorker,
  otherTownshipStaff,
} = DEMO_ACTORS
const reviewBody: Actor = { ...DEMO_ACTORS.otherDepartmentStaff, orgPath: BODY }

const application = {
  type: 'application',
  receivedOn: '2025-09-30',
  applicant: { name: '李四海', phone: '13812345678' },
  respondent: '县民政局',
  act: '取消低保待遇的决定',
  learnedOn: '2025-08-02',
  request: '撤销取消低保的决定',
}

function take(actor: Actor = villageCadre): ReviewData {
  return kind.apply(null, { op: 'create', payload: application, baseVersion: 0 }, actor)
}

describe('review application deadline', () => {
  it('is 60 calendar days after the day the applicant learned of the act', () => {
    expect(reviewApplicationDue('2025-03-10')).toBe('2025-05-09')
  })

  it('moves past a rest day or holiday to the next working day', () => {
    // 2025-08-02 + 60 = 2025-10-01, National Day: the period ends on 10-09.
    expect(reviewApplicationDue('2025-08-02')).toBe('2025-10-09')
    expect(reviewDaysLeft('2025-08-02', '2025-10-09')).toBe(0)
    expect(reviewDaysLeft('2025-08-02', '2025-10-10')).toBe(-1)
  })
})

describe('review matter', () => {
  it('takes an application at a station with its statutory deadline', () => {
    const data = take()
    expect(data).toMatchObject({
      status: 'received',
      stationPath: DEMO_PATHS.village,
      applicationDue: '2025-10-09',
    })
    expect(refusalCodeOf(() => take(gridWorker))).toBe('forbidden_role')
    expect(refusalCodeOf(() => take(countyStaff))).toBe('forbidden_role')
  })

  it('is taken only at a designated contact point when the county names them', () => {
    const designated = createReviewKind({ reviewBody: BODY_ID, contactPoints: ['demo-t1'] })
    expect(
      refusalCodeOf(() =>
        designated.apply(
          null,
          { op: 'create', payload: application, baseVersion: 0 },
          villageCadre,
        ),
      ),
    ).toBe('forbidden_role')
    expect(
      designated.apply(null, { op: 'create', payload: application, baseVersion: 0 }, townshipStaff)
        .stationPath,
    ).toBe(DEMO_PATHS.township)
  })

  it('shows the applicant only to the station, its justice office and the review body', () => {
    const data = take()
    const forwarded = kind.apply(
      data,
      { op: 'forward', payload: { forwardedOn: '2025-09-30' }, baseVersion: 1 },
      townshipStaff,
    )
    for (const viewer of [villageCadre, townshipStaff, reviewBody]) {
      expect(kind.view?.(forwarded, viewer).applicant?.name).toBe('李四海')
    }
    for (const viewer of [countyStaff, villageMediator, otherTownshipStaff, DEMO_ACTORS.admin]) {
      const seen = kind.view?.(forwarded, viewer)
      expect(seen?.applicant).toEqual({ name: '李**' })
      expect(seen?.request).toBeNull()
    }
  })

  it('is forwarded to the review body and decided there', () => {
    const forwarded = kind.apply(
      take(),
      { op: 'forward', payload: { forwardedOn: '2025-09-30' }, baseVersion: 1 },
      villageCadre,
    )
    expect(forwarded.reviewBodyPath).toBe(BODY)
    expect(kind.audience(forwarded)).toEqual([DEMO_PATHS.village, BODY])
    const decision = { outcome: 'revoked', decidedOn: '2025-10-20', note: '恢复低保' }
    expect(
      refusalCodeOf(() =>
        kind.apply(forwarded, { op: 'decide', payload: decision, baseVersion: 2 }, countyStaff),
      ),
    ).toBe('forbidden_role')
    const decided = kind.apply(
      forwarded,
      { op: 'decide', payload: decision, baseVersion: 2 },
      actingAt(reviewBody, '2025-10-20T02:00:00.000Z'),
    )
    expect(decided).toMatchObject({ status: 'decided', decision: { outcome: 'revoked' } })
  })

  it('refuses to forward when the county named no review body', () => {
    const none = createReviewKind({ reviewBody: null })
    const data = none.apply(
      null,
      { op: 'create', payload: application, baseVersion: 0 },
      villageCadre,
    )
    expect(
      refusalCodeOf(() =>
        none.apply(
          data,
          { op: 'forward', payload: { forwardedOn: '2025-09-30' }, baseVersion: 1 },
          villageCadre,
        ),
      ),
    ).toBe('invalid_transition')
  })

  it('answers a consultation on the spot, with no applicant', () => {
    const data = kind.apply(
      null,
      {
        op: 'create',
        payload: {
          type: 'consultation',
          receivedOn: '2025-09-30',
          question: '怎么申请复议？',
          answer: '六十日内向县政府申请',
        },
        baseVersion: 0,
      },
      villageCadre,
    )
    expect(data).toMatchObject({ status: 'answered', applicant: null, applicationDue: null })
  })
})
