import { describe, expect, it } from 'vitest'
import {
  register,
  act,
  refusalOf,
  accepted,
  escalated,
  dispatched,
  awaitingFeedback,
} from './issue.machine.fixtures.ts'
import { DEMO_PATHS, DEMO_ACTORS } from './issue.fixtures.ts'

const {
  gridWorker,
  siblingGridWorker,
  villageCadre,
  siblingVillageCadre,
  townshipStaff,
  otherTownshipStaff,
  otherDepartmentStaff,
  villageMediator,
} = DEMO_ACTORS

describe('refusals', () => {
  it('refuses a cadre of a sibling village as out of scope', () => {
    expect(refusalOf(() => act(register(), siblingVillageCadre, 'accept'))).toMatchObject({
      code: 'out_of_scope',
      message: '该说事不在您的管辖范围内，不能受理',
    })
  })

  it('refuses a role that may never take the action', () => {
    expect(refusalOf(() => act(register(), gridWorker, 'accept'))).toMatchObject({
      code: 'forbidden_role',
      message: '您的角色无权受理',
    })
    expect(
      refusalOf(() =>
        act(escalated(), villageMediator, 'dispatch', { department: DEMO_PATHS.department }),
      ).code,
    ).toBe('forbidden_role')
  })

  it('refuses a township that is not on the issue’s path', () => {
    expect(
      refusalOf(() =>
        act(escalated(), otherTownshipStaff, 'resolve_by_township', { resolution: '已办' }),
      ).code,
    ).toBe('out_of_scope')
  })

  it('refuses a reply from a department the matter was not dispatched to', () => {
    expect(
      refusalOf(() => act(dispatched(), otherDepartmentStaff, 'reply', { reply: '已办' })),
    ).toMatchObject({
      code: 'out_of_scope',
      message: '该说事未派发给您所在的部门，不能部门答复',
    })
  })

  it('refuses feedback from a grid worker of another grid', () => {
    expect(
      refusalOf(() =>
        act(awaitingFeedback(), siblingGridWorker, 'feedback', { satisfaction: 'satisfied' }),
      ).code,
    ).toBe('out_of_scope')
  })

  it('refuses a step the status does not allow', () => {
    expect(
      refusalOf(() => act(register(), villageCadre, 'escalate', { reason: '需上报' })),
    ).toMatchObject({
      code: 'invalid_transition',
      message: '该说事当前为「待受理」，不能吹哨上报乡镇',
    })
  })

  it('refuses an action it does not know', () => {
    expect(refusalOf(() => act(register(), villageCadre, 'approve')).code).toBe('unknown_action')
  })

  it('refuses an escalation without a reason', () => {
    expect(
      refusalOf(() => act(accepted(), villageCadre, 'escalate', { reason: '  ' })),
    ).toMatchObject({
      code: 'invalid_payload',
      message: '请填写上报理由',
    })
  })

  it('refuses to dispatch to anything but a department of the same county', () => {
    const dispatchTo = (department: string) =>
      refusalOf(() => act(escalated(), townshipStaff, 'dispatch', { department }))
    expect(dispatchTo(DEMO_PATHS.township)).toMatchObject({
      code: 'invalid_payload',
      message: '请选择本县的县级部门',
    })
    expect(dispatchTo('/other-county/dept-1/').code).toBe('invalid_payload')
    expect(dispatchTo(DEMO_PATHS.village)).toMatchObject({
      code: 'invalid_payload',
      message: '请选择要派发的县级部门',
    })
  })
})
