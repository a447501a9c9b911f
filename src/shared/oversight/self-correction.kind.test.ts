import { describe, expect, it } from 'vitest'
import { actingAt, DEMO_ACTORS, DEMO_PATHS } from '../issue/issue.fixtures.ts'
import type { Actor } from '../sync/record-kind.ts'
import { refusalCodeOf } from '../sync/record-kind.fixtures.ts'
import { isCaseOverdue } from './self-correction.deadlines.ts'
import { createSelfCorrectionKind, SELF_CORRECTION_ACTOR_ID } from './self-correction.kind.ts'
import type { SelfCorrectionData } from './self-correction.schema.ts'

const BODY = '/demo-county/demo-dept-2/'
const BODY_ID = 'demo-dept-2'
const kind = createSelfCorrectionKind({ supervisionBody: BODY_ID })
const { departmentStaff, otherDepartmentStaff, countyStaff } = DEMO_ACTORS
const system: Actor = {
  ...countyStaff,
  userId: SELF_CORRECTION_ACTOR_ID,
  userName: '自我纠错（自动）',
}

const complaint = {
  origin: 'complaint',
  issueId: 'issue-1',
  complaintType: 'complaint',
  title: '对占道经营罚款有异议',
  act: '县民政局对张某的罚款决定',
  departmentPath: DEMO_PATHS.department,
}

function open(): SelfCorrectionData {
  return kind.apply(null, { op: 'create', payload: complaint, baseVersion: 0 }, system)
}

function step(
  current: SelfCorrectionData,
  payload: Record<string, unknown>,
  actor = departmentStaff,
) {
  return kind.apply(current, { op: 'record_step', payload, baseVersion: 1 }, actor)
}

const STEPS = ['file_review', 'investigation', 'hearing', 'cause_analysis'] as const

describe('self-correction case', () => {
  it('opens from a complaint with the first step due in working days, past the National Day holiday', () => {
    const data = open()
    expect(data.status).toBe('open')
    expect(data.supervisionPath).toBe(BODY)
    // Opened 2025-09-30; October 1–8 are holidays: 2 working days end on 10-10.
    expect(data.due).toMatchObject({ startedOn: '2025-09-30', due: '2025-10-10', workingDays: 2 })
    expect(kind.audience(data)).toEqual([DEMO_PATHS.department, BODY])
  })

  it('is opened from a complaint only by the server, and only once', () => {
    expect(
      refusalCodeOf(() =>
        kind.apply(null, { op: 'create', payload: complaint, baseVersion: 0 }, countyStaff),
      ),
    ).toBe('forbidden_role')
    expect(
      refusalCodeOf(() =>
        kind.apply(open(), { op: 'create', payload: complaint, baseVersion: 0 }, system),
      ),
    ).toBe('already_exists')
  })

  it('walks the five steps in order and concludes with a result and its reason', () => {
    let data = open()
    expect(
      refusalCodeOf(() => step(data, { step: 'hearing', doneOn: '2025-09-30', findings: '听取' })),
    ).toBe('invalid_transition')
    const later = actingAt(departmentStaff, '2025-10-20T02:00:00.000Z')
    for (const name of STEPS)
      data = step(data, { step: name, doneOn: '2025-10-09', findings: name }, later)
    expect(data.steps.map((entry) => entry.step)).toEqual(STEPS)
    // The next step's clock starts on the day the previous one was done.
    expect(data.due).toMatchObject({ startedOn: '2025-10-09', workingDays: 3 })
    expect(
      refusalCodeOf(() =>
        step(data, { step: 'feedback', doneOn: '2025-10-10', findings: '已反馈' }, later),
      ),
    ).toBe('invalid_payload')
    data = step(
      data,
      {
        step: 'feedback',
        doneOn: '2025-10-10',
        findings: '已电话反馈',
        outcome: 'unfounded',
        reason: '处罚依据充分',
      },
      later,
    )
    expect(data.status).toBe('concluded')
    expect(data.result).toEqual({ outcome: 'unfounded', reason: '处罚依据充分' })
    expect(data.due).toBeNull()
    expect(data.events.map((event) => event.action)).toEqual([
      'open',
      'step',
      'step',
      'step',
      'step',
      'step',
    ])
    expect(
      refusalCodeOf(() =>
        step(data, { step: 'feedback', doneOn: '2025-10-10', findings: 'x' }, later),
      ),
    ).toBe('invalid_transition')
  })

  it('marks a late step and an overdue case', () => {
    const data = open()
    expect(isCaseOverdue(data, '2025-10-10')).toBe(false)
    expect(isCaseOverdue(data, '2025-10-11')).toBe(true)
    const late = step(
      data,
      { step: 'file_review', doneOn: '2025-10-13', findings: '迟了' },
      actingAt(departmentStaff, '2025-10-13T02:00:00.000Z'),
    )
    expect(late.steps[0]?.isLate).toBe(true)
  })

  it('lets only the department concerned record steps', () => {
    expect(
      refusalCodeOf(() =>
        step(
          open(),
          { step: 'file_review', doneOn: '2025-09-30', findings: '查阅' },
          otherDepartmentStaff,
        ),
      ),
    ).toBe('forbidden_role')
  })

  it('lets the supervision body add checks and open investigations, nobody else', () => {
    const body: Actor = { ...otherDepartmentStaff, orgPath: BODY }
    const checked = kind.apply(
      open(),
      {
        op: 'add_check',
        payload: { check: 'file_review', doneOn: '2025-09-30', findings: '卷宗齐全' },
        baseVersion: 1,
      },
      body,
    )
    expect(checked.checks).toHaveLength(1)
    expect(
      refusalCodeOf(() =>
        kind.apply(
          open(),
          {
            op: 'add_check',
            payload: { check: 'site_visit', doneOn: '2025-09-30', findings: 'x' },
            baseVersion: 1,
          },
          departmentStaff,
        ),
      ),
    ).toBe('forbidden_role')
    const investigation = {
      ...complaint,
      origin: 'investigation',
      issueId: null,
      complaintType: null,
    }
    expect(
      kind.apply(null, { op: 'create', payload: investigation, baseVersion: 0 }, body).origin,
    ).toBe('investigation')
    expect(
      refusalCodeOf(() =>
        kind.apply(null, { op: 'create', payload: investigation, baseVersion: 0 }, departmentStaff),
      ),
    ).toBe('forbidden_role')
  })

  it('counts each step on the county table', () => {
    const slow = createSelfCorrectionKind({
      supervisionBody: BODY_ID,
      stepDays: { file_review: 5, investigation: 10, hearing: 5, cause_analysis: 5, feedback: 3 },
    })
    const data = slow.apply(null, { op: 'create', payload: complaint, baseVersion: 0 }, system)
    // October 9, 10, 11 (a make-up working Saturday), 13, 14.
    expect(data.due).toMatchObject({ workingDays: 5, due: '2025-10-14' })
  })
})
