import { describe, expect, it } from 'vitest'
import {
  register,
  act,
  refusalOf,
  accepted,
  escalated,
  dispatched,
  scheduledForMeeting,
} from './issue.machine.fixtures.ts'
import { DEMO_PATHS, DEMO_ACTORS } from './issue.fixtures.ts'
import { availableActions } from './issue.machine.ts'
import { isReopened } from './issue.reopen.ts'
import { issueDataSchema } from './issue.schema.ts'

const { gridWorker, villageCadre, townshipStaff, departmentStaff, villageMediator } = DEMO_ACTORS

/** The code and reason of a refusal. */
function refusal(run: () => unknown): { code: string; message: string } {
  const { code, message } = refusalOf(run)
  return { code, message }
}
describe('reopening, agreement and the privacy flag (#12.6, #12.7, #12.10a)', () => {
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

  it('#12.10a takes a matter the day agreed on out of 待议事, citing the day', () => {
    const scheduled = scheduledForMeeting()
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
    const collective = scheduledForMeeting()
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
})
