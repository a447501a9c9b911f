import { describe, expect, it } from 'vitest'
import {
  register,
  act,
  refusalOf,
  deepFreeze,
  accepted,
  escalated,
  dispatched,
  awaitingFeedback,
} from './issue.machine.fixtures.ts'
import { DEMO_PATHS, EVE_OF_NATIONAL_DAY, DEMO_ACTORS } from './issue.fixtures.ts'
import { isOverdue } from './issue.deadlines.ts'
import { ISSUE_TRANSITIONS } from './issue.transitions.ts'
import { availableActions } from './issue.machine.ts'
import { isReopened } from './issue.reopen.ts'
import { issueDataSchema, type IssueData } from './issue.schema.ts'

const {
  gridWorker,
  siblingGridWorker,
  villageCadre,
  siblingVillageCadre,
  townshipStaff,
  countyStaff,
  departmentStaff,
  otherDepartmentStaff,
  villageMediator,
} = DEMO_ACTORS

/** The code and reason of a refusal. */
function refusal(run: () => unknown): { code: string; message: string } {
  const { code, message } = refusalOf(run)
  return { code, message }
}

describe('the issue lifecycle', () => {
  it('goes from registration through escalation, dispatch, reply and satisfied feedback to closed', () => {
    let issue = register()
    expect(issue.status).toBe('registered')
    expect(issue.deadlines.accept?.due).toBe('2025-10-10')

    issue = act(issue, villageCadre, 'accept', {}, '2025-10-09T01:00:00.000Z')
    expect(issue.deadlines.village?.due).toBe('2025-10-15')

    issue = act(
      issue,
      villageCadre,
      'escalate',
      { reason: '村道改造需镇里协调' },
      '2025-10-10T03:00:00Z',
    )
    expect(issue).toMatchObject({ status: 'escalated', escalatedToTownship: DEMO_PATHS.township })
    expect(issue.deadlines.township?.due).toBe('2025-10-23')

    issue = act(
      issue,
      townshipStaff,
      'dispatch',
      { department: DEMO_PATHS.department, note: '请县民政局答复' },
      '2025-10-13T02:00:00Z',
    )
    expect(issue).toMatchObject({ status: 'dispatched', assignedDepartment: DEMO_PATHS.department })
    expect(issue.deadlines.department?.due).toBe('2025-11-03')

    issue = act(
      issue,
      departmentStaff,
      'reply',
      { reply: '已列入今年村道亮化计划' },
      '2025-10-20T02:00:00Z',
    )
    expect(issue.status).toBe('awaiting_feedback')
    expect(issue.resolution).toMatchObject({ tier: 'department', text: '已列入今年村道亮化计划' })
    expect(issue.deadlines.feedback?.due).toBe('2025-10-23')

    issue = act(
      issue,
      gridWorker,
      'feedback',
      { satisfaction: 'satisfied' },
      '2025-10-22T02:00:00Z',
    )
    expect(issue.status).toBe('closed')
    expect(issue.feedback).toEqual({ satisfaction: 'satisfied', comment: '' })
    expect(issue.events.map((event) => [event.action, event.fromStatus, event.toStatus])).toEqual([
      ['register', null, 'registered'],
      ['accept', 'registered', 'accepted'],
      ['escalate', 'accepted', 'escalated'],
      ['dispatch', 'escalated', 'dispatched'],
      ['reply', 'dispatched', 'awaiting_feedback'],
      ['feedback', 'awaiting_feedback', 'closed'],
    ])
    expect(issue.events.map((event) => event.unitId)).toEqual([
      'demo-t1-v1-g1',
      'demo-t1-v1',
      'demo-t1-v1',
      'demo-t1',
      'demo-dept-1',
      'demo-t1-v1-g1',
    ])
    expect(issue.events[3]).toMatchObject({
      note: '请县民政局答复',
      details: { department: DEMO_PATHS.department },
    })
    expect(issueDataSchema.safeParse(issue).success).toBe(true)
    expect(isOverdue(issue, '2030-01-01')).toBe(false)
  })

  it('#12.6 reopens a dissatisfied matter at the department that answered, comment attached', () => {
    const replied = act(dispatched(), departmentStaff, 'reply', { reply: '不属于补贴范围' })
    const reopened = act(
      replied,
      gridWorker,
      'feedback',
      { satisfaction: 'dissatisfied', comment: '隔壁村同样情况拿到了补贴' },
      '2025-10-20T02:00:00Z',
    )
    expect(reopened).toMatchObject({
      status: 'dispatched',
      reopenCount: 1,
      feedback: { satisfaction: 'dissatisfied', comment: '隔壁村同样情况拿到了补贴' },
      escalatedToTownship: DEMO_PATHS.township,
      assignedDepartment: DEMO_PATHS.department,
    })
    expect(isReopened(reopened)).toBe(true)
    expect(reopened.events.at(-1)).toMatchObject({
      action: 'feedback',
      toStatus: 'dispatched',
      note: '隔壁村同样情况拿到了补贴',
      details: { satisfaction: 'dissatisfied' },
    })
    // A fresh department deadline from the visit.
    expect(reopened.deadlines.department).toMatchObject({ startedOn: '2025-10-20' })
    expect(issueDataSchema.safeParse(reopened).success).toBe(true)
    expect(availableActions(reopened, departmentStaff)).toContain('reply')

    const answered = act(reopened, departmentStaff, 'reply', { reply: '已复核，补发补贴' })
    const closed = act(answered, gridWorker, 'feedback', { satisfaction: 'basically_satisfied' })
    expect(closed).toMatchObject({ status: 'closed', reopenCount: 1 })
    expect(isReopened(closed)).toBe(false)
  })

  it('#12.6 reopens a village’s answer at the village and a township’s at the township', () => {
    const atVillage = act(accepted(), villageCadre, 'resolve_locally', { resolution: '已协调' })
    expect(
      act(atVillage, gridWorker, 'feedback', { satisfaction: 'dissatisfied', comment: '没解决' }),
    ).toMatchObject({ status: 'accepted', escalatedToTownship: null, reopenCount: 1 })
    const byTownship = act(escalated(), townshipStaff, 'resolve_by_township', {
      resolution: '镇司法所已调解',
    })
    expect(
      act(byTownship, gridWorker, 'feedback', { satisfaction: 'dissatisfied', comment: '没解决' }),
    ).toMatchObject({ status: 'escalated', escalatedToTownship: DEMO_PATHS.township })
  })

  it('asks for the resident’s comment when they are dissatisfied', () => {
    const refusal = refusalOf(() =>
      act(awaitingFeedback(), gridWorker, 'feedback', { satisfaction: 'dissatisfied' }),
    )
    expect(refusal).toMatchObject({ code: 'invalid_payload', message: '群众不满意时请记录其意见' })
  })

  it('lets the reporter withdraw a matter before it is resolved, and nothing moves after that', () => {
    const withdrawn = act(accepted(), gridWorker, 'withdraw', { reason: '群众已自行协商解决' })
    expect(withdrawn.status).toBe('withdrawn')
    expect(isOverdue(withdrawn, '2030-01-01')).toBe(false)
    expect(refusalOf(() => act(withdrawn, villageCadre, 'accept'))).toMatchObject({
      code: 'invalid_transition',
      message: '该说事已撤回，不能再受理',
    })
    expect(availableActions(withdrawn, villageCadre)).toEqual([])
  })

  it('lets the village withdraw a dispatched matter but nobody withdraw a resolved one', () => {
    expect(act(dispatched(), villageCadre, 'withdraw', { reason: '群众撤回诉求' }).status).toBe(
      'withdrawn',
    )
    expect(
      refusalOf(() => act(awaitingFeedback(), gridWorker, 'withdraw', { reason: '撤回' })).code,
    ).toBe('invalid_transition')
  })

  it('merges a duplicate at the village or, once escalated, at the township', () => {
    const merged = act(register(), villageCadre, 'merge', {
      into: 'issue-0001',
      note: '与上周登记的同一事项',
    })
    expect(merged).toMatchObject({ status: 'merged', mergedInto: 'issue-0001' })
    expect(act(escalated(), townshipStaff, 'merge', { into: 'issue-0002' }).status).toBe('merged')
    expect(
      refusalOf(() => act(escalated(), villageCadre, 'merge', { into: 'issue-0002' })),
    ).toMatchObject({
      code: 'forbidden_role',
      message: '该说事当前为「已上报乡镇」，此阶段您的角色不能合并',
    })
    expect(refusalOf(() => act(register(), villageCadre, 'merge', {})).code).toBe('invalid_payload')
  })

  it('lets the township settle a matter itself or send it back to the village', () => {
    const settled = act(escalated(), townshipStaff, 'resolve_by_township', {
      resolution: '镇里已协调施工队',
    })
    expect(settled).toMatchObject({ status: 'awaiting_feedback', resolution: { tier: 'township' } })
    const returned = act(escalated(), townshipStaff, 'return_to_village', {
      reason: '属村内事务，请村里议事',
    })
    expect(returned).toMatchObject({ status: 'accepted', escalatedToTownship: null })
  })

  it('lets the county hub dispatch and a department hand back a matter that is not its own', () => {
    const byCounty = act(escalated(), countyStaff, 'dispatch', {
      department: DEMO_PATHS.otherDepartment,
    })
    expect(byCounty.assignedDepartment).toBe(DEMO_PATHS.otherDepartment)
    const handedBack = act(dispatched(), departmentStaff, 'return_to_township', {
      reason: '不属本部门职责',
    })
    expect(handedBack).toMatchObject({ status: 'escalated', assignedDepartment: null })
  })

  it('puts a matter to a discussion day and counts the village’s time from that day', () => {
    const scheduled = act(
      accepted(),
      villageCadre,
      'schedule_meeting',
      { meetingId: 'meeting-1', meetingDate: '2025-10-20' },
      '2025-10-09T02:00:00Z',
    )
    expect(scheduled).toMatchObject({
      status: 'scheduled_for_meeting',
      meeting: { id: 'meeting-1', date: '2025-10-20' },
    })
    expect(scheduled.deadlines.village).toMatchObject({
      startedOn: '2025-10-20',
      due: '2025-10-27',
    })
    expect(
      act(scheduled, villageCadre, 'resolve_locally', { resolution: '议事会议定由村集体出资修复' })
        .status,
    ).toBe('awaiting_feedback')
  })

  it('never puts a private matter to a collective discussion', () => {
    const privateIssue = act(
      register(EVE_OF_NATIONAL_DAY, { isPrivate: true }),
      villageCadre,
      'accept',
    )
    expect(
      refusalOf(() =>
        act(privateIssue, villageCadre, 'schedule_meeting', {
          meetingId: 'm',
          meetingDate: '2025-10-20',
        }),
      ),
    ).toMatchObject({
      code: 'not_discussable',
      message: '涉及个人隐私的事项应点对点商谈，不能提交集体议事',
    })
  })

  it('keeps a matter the list marks not discussable off the discussion day until the village overrides it with a reason', () => {
    const notDiscussable = act(
      register(EVE_OF_NATIONAL_DAY, { discussable: { verdict: 'not_discussable' } }),
      villageCadre,
      'accept',
    )
    const schedule = (data: IssueData) =>
      act(data, villageCadre, 'schedule_meeting', { meetingId: 'm', meetingDate: '2025-10-20' })
    expect(refusalOf(() => schedule(notDiscussable)).code).toBe('not_discussable')
    expect(
      refusalOf(() =>
        act(notDiscussable, villageCadre, 'set_discussable', { verdict: 'discussable' }),
      ),
    ).toMatchObject({
      code: 'invalid_payload',
      message: '请填写调整理由',
    })
    const overridden = act(notDiscussable, villageCadre, 'set_discussable', {
      verdict: 'discussable',
      reason: '属村内公益设施维护，村民自治范围内',
    })
    expect(overridden).toMatchObject({
      status: 'accepted',
      discussable: {
        verdict: 'discussable',
        overriddenReason: '属村内公益设施维护，村民自治范围内',
      },
    })
    expect(overridden.events.at(-1)?.details).toEqual({
      from: 'not_discussable',
      verdict: 'discussable',
    })
    expect(schedule(overridden).status).toBe('scheduled_for_meeting')
  })

  it('takes a private matter to a point-to-point session only', () => {
    const privateIssue = act(
      register(EVE_OF_NATIONAL_DAY, { isPrivate: true }),
      villageCadre,
      'accept',
    )
    const scheduled = act(privateIssue, villageCadre, 'schedule_meeting', {
      meetingId: 'm',
      meetingDate: '2025-10-20',
      isPointToPoint: true,
    })
    expect(scheduled.status).toBe('scheduled_for_meeting')
    expect(scheduled.events.at(-1)?.details).toMatchObject({ pointToPoint: 'true' })
  })

  it('lets a mediator record the outcome of a matter at its discussion day, citing that day', () => {
    const scheduled = act(accepted(), villageCadre, 'schedule_meeting', {
      meetingId: 'meeting-1',
      meetingDate: '2025-10-20',
    })
    const resolved = act(scheduled, villageMediator, 'resolve_locally', {
      resolution: '议事会议定由村集体出资修复',
      meetingId: 'meeting-1',
    })
    expect(resolved.status).toBe('awaiting_feedback')
    expect(resolved.events.at(-1)?.details).toEqual({
      meetingId: 'meeting-1',
      meetingDate: '2025-10-20',
    })
    const escalatedAtMeeting = act(scheduled, villageMediator, 'escalate', {
      reason: '议事未能达成一致',
      meetingId: 'meeting-1',
    })
    expect(escalatedAtMeeting).toMatchObject({
      status: 'escalated',
      escalatedToTownship: DEMO_PATHS.township,
    })
    expect(escalatedAtMeeting.events.at(-1)?.details).toMatchObject({ meetingId: 'meeting-1' })
  })

  it('#12.10a takes a matter the day agreed on out of 待议事, citing the day', () => {
    const scheduled = act(accepted(), villageCadre, 'schedule_meeting', {
      meetingId: 'meeting-1',
      meetingDate: '2025-10-20',
    })
    const agreed = act(scheduled, villageMediator, 'agree', {
      agreement: '议定每户出工两天清淤',
      meetingId: 'meeting-1',
    })
    expect(agreed).toMatchObject({ status: 'accepted', meeting: { id: 'meeting-1' } })
    expect(agreed.events.at(-1)).toMatchObject({
      action: 'agree',
      fromStatus: 'scheduled_for_meeting',
      note: '议定每户出工两天清淤',
      details: { meetingId: 'meeting-1', meetingDate: '2025-10-20' },
    })
    // The village then answers it for the feedback visit.
    expect(availableActions(agreed, villageCadre)).toContain('resolve_locally')
    expect(refusal(() => act(scheduled, villageCadre, 'agree', { agreement: '同意' }))).toEqual({
      code: 'invalid_payload',
      message: '议事日编号不正确',
    })
    expect(
      refusal(() => act(scheduled, villageCadre, 'agree', { agreement: '同意', meetingId: 'x' }))
        .message,
    ).toBe('该说事未提交到这次议事日')
    expect(refusal(() => act(accepted(), villageCadre, 'agree', { agreement: '同意' })).code).toBe(
      'invalid_transition',
    )
  })

  it('#12.7 lets the village make a matter private later with a reason, and back', () => {
    const made = act(accepted(), villageCadre, 'set_private', {
      isPrivate: true,
      reason: '当事人要求保密',
    })
    expect(made).toMatchObject({ isPrivate: true, status: 'accepted' })
    expect(made.events.at(-1)).toMatchObject({
      action: 'set_private',
      note: '当事人要求保密',
      details: { from: 'false', to: 'true' },
    })
    expect(
      refusal(() => act(made, villageCadre, 'set_private', { isPrivate: true, reason: '再次' })),
    ).toEqual({ code: 'invalid_payload', message: '该说事已标记为涉及个人隐私' })
    expect(refusal(() => act(made, villageCadre, 'set_private', { isPrivate: false }))).toEqual({
      code: 'invalid_payload',
      message: '请填写调整理由',
    })
    expect(
      refusal(() => act(made, gridWorker, 'set_private', { isPrivate: false, reason: '公开' })),
    ).toMatchObject({ code: 'forbidden_role' })
    expect(
      act(made, villageCadre, 'set_private', { isPrivate: false, reason: '已征得同意' }).isPrivate,
    ).toBe(false)
  })

  it('#12.7 takes a matter turned private off its collective day, not off a point-to-point one', () => {
    const collective = act(accepted(), villageCadre, 'schedule_meeting', {
      meetingId: 'meeting-1',
      meetingDate: '2025-10-20',
    })
    const left = act(collective, villageCadre, 'set_private', { isPrivate: true, reason: '保密' })
    expect(left).toMatchObject({ status: 'accepted', meeting: null, isPrivate: true })
    expect(left.events.at(-1)?.details).toEqual({
      from: 'false',
      to: 'true',
      leftMeeting: 'meeting-1',
    })
    const privateOne = register(undefined, { isPrivate: true })
    const oneToOne = act(
      act(privateOne, villageCadre, 'accept'),
      villageCadre,
      'schedule_meeting',
      { meetingId: 'meeting-2', meetingDate: '2025-10-20', isPointToPoint: true },
    )
    const opened = act(oneToOne, villageCadre, 'set_private', { isPrivate: false, reason: '公开' })
    const again = act(opened, villageCadre, 'set_private', { isPrivate: true, reason: '保密' })
    expect(again).toMatchObject({ status: 'scheduled_for_meeting', meeting: { id: 'meeting-2' } })
    expect(again.events.at(-1)?.details).not.toHaveProperty('leftMeeting')
  })

  it('refuses a mediator without the meeting, with another meeting, or before the matter is scheduled', () => {
    const scheduled = act(accepted(), villageCadre, 'schedule_meeting', {
      meetingId: 'meeting-1',
      meetingDate: '2025-10-20',
    })
    expect(
      refusalOf(() => act(scheduled, villageMediator, 'resolve_locally', { resolution: '化解' })),
    ).toMatchObject({ code: 'invalid_payload' })
    expect(
      refusalOf(() =>
        act(scheduled, villageMediator, 'escalate', { reason: '上报', meetingId: 'meeting-2' }),
      ),
    ).toMatchObject({ code: 'invalid_payload', message: '该说事未提交到这次议事日' })
    expect(
      refusalOf(() =>
        act(accepted(), villageMediator, 'resolve_locally', {
          resolution: '化解',
          meetingId: 'meeting-1',
        }),
      ).code,
    ).toBe('forbidden_role')
  })

  it('does not change the issue it is given', () => {
    const issue = deepFreeze(accepted())
    const before = structuredClone(issue)
    act(issue, villageCadre, 'escalate', { reason: '需镇里协调' })
    expect(issue).toEqual(before)
  })
})

describe('availableActions', () => {
  it('shows the village what it may do with a new report, and the reporter only withdrawal', () => {
    const issue = register()
    expect(availableActions(issue, villageCadre)).toEqual([
      'accept',
      'set_discussable',
      'set_private',
      'withdraw',
      'merge',
    ])
    expect(availableActions(issue, gridWorker)).toEqual(['withdraw'])
    expect(availableActions(issue, siblingVillageCadre)).toEqual([])
    expect(availableActions(issue, townshipStaff)).toEqual([])
  })

  it('shows the township and the county what they may do with an escalated matter', () => {
    const issue = escalated()
    expect(availableActions(issue, townshipStaff)).toEqual([
      'set_private',
      'return_to_village',
      'resolve_by_township',
      'dispatch',
      'merge',
    ])
    expect(availableActions(issue, countyStaff)).toEqual(['dispatch'])
    expect(availableActions(issue, villageCadre)).toEqual(['set_private', 'withdraw'])
  })

  it('shows only the assigned department its reply', () => {
    const issue = dispatched()
    expect(availableActions(issue, departmentStaff)).toEqual([
      'set_private',
      'return_to_township',
      'reply',
    ])
    expect(availableActions(issue, otherDepartmentStaff)).toEqual([])
  })

  it('shows the feedback visit to the grid worker of the issue’s grid only', () => {
    const issue = awaitingFeedback()
    expect(availableActions(issue, gridWorker)).toEqual(['feedback'])
    expect(availableActions(issue, siblingGridWorker)).toEqual([])
    expect(availableActions(issue, villageCadre)).toEqual(['set_private'])
  })

  it('lists every action in the transition table', () => {
    for (const [action, definition] of Object.entries(ISSUE_TRANSITIONS)) {
      expect(definition.action).toBe(action)
      expect(definition.grants.length).toBeGreaterThan(0)
    }
  })
})
