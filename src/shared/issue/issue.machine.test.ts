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
  scheduledForMeeting,
} from './issue.machine.fixtures.ts'
import { DEMO_PATHS, EVE_OF_NATIONAL_DAY, DEMO_ACTORS } from './issue.fixtures.ts'
import { isOverdue } from './issue.deadlines.ts'
import { availableActions } from './issue.machine.ts'
import { issueDataSchema, type IssueData } from './issue.schema.ts'

const { gridWorker, villageCadre, townshipStaff, countyStaff, departmentStaff, villageMediator } =
  DEMO_ACTORS

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
    const scheduled = scheduledForMeeting()
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

  it('refuses a mediator without the meeting, with another meeting, or before the matter is scheduled', () => {
    const scheduled = scheduledForMeeting()
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
