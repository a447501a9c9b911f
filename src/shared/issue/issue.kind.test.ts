import { describe, expect, it } from 'vitest'
import type { Actor, AnyRecordKind, Viewer } from '../sync/record-kind.ts'
import {
  DEMO_ACTORS,
  DEMO_PATHS,
  EVE_OF_NATIONAL_DAY,
  sampleCreatePayload,
} from './issue.fixtures.ts'
import { PRIVATE_PLACEHOLDER, issueKind, maskName, maskPhone } from './issue.kind.ts'
import { issueDataSchema, type IssueData } from './issue.schema.ts'
import { refusalOf } from '../sync/record-kind.fixtures.ts'

const A = DEMO_ACTORS

function apply(
  current: IssueData | null,
  op: string,
  payload: Record<string, unknown>,
  actor: Actor,
) {
  return issueKind.apply(
    current,
    { op, payload, baseVersion: current ? current.events.length : 0 },
    actor,
  )
}

const register = (overrides: Record<string, unknown> = {}, actor: Actor = A.gridWorker) =>
  apply(null, 'create', sampleCreatePayload(overrides), actor)
const move = (
  data: IssueData,
  actor: Actor,
  action: string,
  fields: Record<string, unknown> = {},
) => apply(data, 'transition', { action, ...fields }, actor)
const accepted = () => move(register(), A.villageCadre, 'accept')
const escalated = () => move(accepted(), A.villageCadre, 'escalate', { reason: '需镇里协调' })
const dispatched = () =>
  move(escalated(), A.townshipStaff, 'dispatch', { department: DEMO_PATHS.department })

describe('creating an issue', () => {
  it('registers it in the grid with the reporter, the time, a first ledger entry and an acceptance deadline', () => {
    const issue = register()
    expect(issue).toMatchObject({
      status: 'registered',
      gridId: 'demo-t1-v1-g1',
      orgPath: DEMO_PATHS.grid,
      reporterId: A.gridWorker.userId,
      reporterName: A.gridWorker.userName,
      createdAt: EVE_OF_NATIONAL_DAY,
      escalatedToTownship: null,
      assignedDepartment: null,
      feedback: null,
      mergedInto: null,
      reopenCount: 0,
      deadlines: { accept: { startedOn: '2025-09-30', due: '2025-10-10' } },
    })
    expect(issue.events).toEqual([
      {
        id: '1',
        action: 'register',
        fromStatus: null,
        toStatus: 'registered',
        actorId: A.gridWorker.userId,
        actorName: A.gridWorker.userName,
        actorRole: 'grid_worker',
        unitId: 'demo-t1-v1-g1',
        unitPath: DEMO_PATHS.grid,
        at: EVE_OF_NATIONAL_DAY,
        note: '',
        details: {},
      },
    ])
    expect(issueDataSchema.safeParse(issue).success).toBe(true)
  })

  it('lets a village cadre register a walk-in at the station for one of its grids', () => {
    expect(register({ channel: 'walk_in' }, A.villageCadre).reporterId).toBe(A.villageCadre.userId)
  })

  it('stores neither name nor phone for an anonymous report', () => {
    const issue = register({ isAnonymous: true, resident: null })
    expect(issue.resident).toBeNull()
    const stored = JSON.stringify(issue)
    expect(stored).not.toContain('张三丰')
    expect(stored).not.toContain('13812341234')
  })

  it('refuses an anonymous report that carries a name', () => {
    expect(refusalOf(() => register({ isAnonymous: true }))).toMatchObject({
      code: 'invalid_payload',
      message: '匿名说事不登记姓名和电话',
    })
  })

  it('refuses roles that do not capture reports', () => {
    for (const actor of [
      A.townshipStaff,
      A.countyStaff,
      A.departmentStaff,
      A.villageMediator,
      A.admin,
    ]) {
      expect(refusalOf(() => register({}, actor)).code).toBe('forbidden_role')
    }
  })

  it('refuses a grid outside the author’s scope', () => {
    expect(refusalOf(() => register({}, A.siblingGridWorker))).toMatchObject({
      code: 'out_of_scope',
    })
    expect(refusalOf(() => register({}, A.siblingVillageCadre)).code).toBe('out_of_scope')
  })

  it('refuses a home that is not a grid, or a grid id that does not match its path', () => {
    expect(
      refusalOf(() => register({ orgPath: DEMO_PATHS.village, gridId: 'demo-t1-v1' })).code,
    ).toBe('invalid_payload')
    expect(refusalOf(() => register({ gridId: 'demo-t1-v1-g2' })).message).toBe(
      '说事须登记在网格，请选择网格',
    )
  })

  it('refuses to create an issue twice', () => {
    expect(
      refusalOf(() => apply(register(), 'create', sampleCreatePayload(), A.gridWorker)).code,
    ).toBe('already_exists')
  })
})

describe('editing an issue', () => {
  it('merges concurrent edits of different fields, and the last write wins on the same field', () => {
    const issue = register()
    const byReporter = apply(issue, 'update', { title: '村口三盏路灯不亮' }, A.gridWorker)
    const byVillage = apply(byReporter, 'update', { urgency: 'urgent' }, A.villageCadre)
    expect(byVillage).toMatchObject({
      title: '村口三盏路灯不亮',
      urgency: 'urgent',
      description: issue.description,
    })
    const later = apply(byVillage, 'update', { title: '村口路灯全部不亮' }, A.villageCadre)
    expect(later.title).toBe('村口路灯全部不亮')
    expect(later.events.map((event) => [event.action, event.details])).toEqual([
      ['register', {}],
      ['edit', { fields: 'title' }],
      ['edit', { fields: 'urgency' }],
      ['edit', { fields: 'title' }],
    ])
  })

  it('lets a report become anonymous only together with dropping the resident', () => {
    const issue = register()
    expect(
      refusalOf(() => apply(issue, 'update', { isAnonymous: true }, A.gridWorker)),
    ).toMatchObject({
      code: 'invalid_payload',
      message: '匿名说事不登记姓名和电话',
    })
    const anonymous = apply(issue, 'update', { isAnonymous: true, resident: null }, A.gridWorker)
    expect(anonymous.resident).toBeNull()
  })

  it('refuses edits once the village has accepted the report', () => {
    expect(
      refusalOf(() => apply(accepted(), 'update', { title: '改标题' }, A.gridWorker)),
    ).toMatchObject({
      code: 'invalid_transition',
      message: '说事受理后不能再修改登记内容',
    })
  })

  it('refuses edits by anyone but the reporter or the village', () => {
    expect(
      refusalOf(() => apply(register(), 'update', { title: '改' }, A.siblingGridWorker)).code,
    ).toBe('forbidden_role')
    expect(
      refusalOf(() => apply(register(), 'update', { title: '改' }, A.townshipStaff)).code,
    ).toBe('forbidden_role')
    expect(
      refusalOf(() => apply(register(), 'update', { title: '改' }, A.siblingVillageCadre)).code,
    ).toBe('out_of_scope')
  })

  it('refuses an edit that changes nothing or breaks a field', () => {
    expect(refusalOf(() => apply(register(), 'update', {}, A.gridWorker)).message).toBe(
      '没有要修改的内容',
    )
    expect(refusalOf(() => apply(register(), 'update', { title: '' }, A.gridWorker)).message).toBe(
      '请填写标题',
    )
    expect(
      refusalOf(() => apply(register(), 'update', { status: 'closed' }, A.gridWorker)).code,
    ).toBe('invalid_payload')
  })

  it('keeps the village’s override of the discussable verdict out of reach of edits', () => {
    const overridden = move(register(), A.villageCadre, 'set_discussable', {
      verdict: 'not_discussable',
      reason: '涉及土地承包法明文规定',
    })
    expect(
      refusalOf(() =>
        apply(overridden, 'update', { discussable: { verdict: 'discussable' } }, A.gridWorker),
      ).code,
    ).toBe('invalid_payload')
  })
})

describe('transitions and other operations', () => {
  it('runs a transition named in the payload', () => {
    expect(accepted().status).toBe('accepted')
  })

  it('refuses a transition without an action, an unknown operation, and a change to a missing issue', () => {
    expect(refusalOf(() => apply(register(), 'transition', {}, A.villageCadre)).code).toBe(
      'invalid_payload',
    )
    expect(refusalOf(() => apply(register(), 'delete', {}, A.villageCadre)).code).toBe('unknown_op')
    expect(
      refusalOf(() => apply(null, 'transition', { action: 'accept' }, A.villageCadre)).code,
    ).toBe('not_found')
  })

  it('is erased to the registry’s record kind type', () => {
    const erased: AnyRecordKind = issueKind
    expect(erased.kind).toBe('issue')
  })
})

describe('audience and attachments', () => {
  it('is seen from its grid upward, and by the department once dispatched to it, also when reopened', () => {
    expect(issueKind.audience(register())).toEqual([DEMO_PATHS.grid])
    expect(issueKind.audience(escalated())).toEqual([DEMO_PATHS.grid])
    expect(issueKind.audience(dispatched())).toEqual([DEMO_PATHS.grid, DEMO_PATHS.department])
    const replied = move(dispatched(), A.departmentStaff, 'reply', { reply: '已答复' })
    expect(issueKind.audience(replied)).toEqual([DEMO_PATHS.grid, DEMO_PATHS.department])
    const reopened = move(replied, A.gridWorker, 'feedback', {
      satisfaction: 'dissatisfied',
      comment: '没解决',
    })
    // #12.6: a 不满意 returns the matter to the department that answered.
    expect(issueKind.audience(reopened)).toEqual([DEMO_PATHS.grid, DEMO_PATHS.department])
  })

  it('lists its photos as attachments', () => {
    expect(issueKind.attachments?.(register())).toEqual(['a'.repeat(64)])
  })
})

describe('masking', () => {
  it('masks names and phone numbers', () => {
    expect(maskName('张三丰')).toBe('张**')
    expect(maskName('张三')).toBe('张**')
    expect(maskName('')).toBe('')
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskPhone('023-59221234')).toBe('023****1234')
    expect(maskPhone('12345')).toBe('****')
  })

  const full = { name: '张三丰', phone: '13812341234' }
  const masked = { name: '张**', phone: '138****1234' }
  const viewOf = (data: IssueData, actor: Viewer) => {
    const view = issueKind.view?.(data, actor)
    if (!view) throw new Error('the issue kind has a view')
    expect(issueDataSchema.safeParse(view).success).toBe(true)
    return view
  }

  const cases: readonly [string, Actor, 'registered' | 'escalated' | 'dispatched', typeof full][] =
    [
      ['the grid worker of the grid', A.gridWorker, 'registered', full],
      ['a grid worker of a sibling grid', A.siblingGridWorker, 'registered', masked],
      ['the village cadre', A.villageCadre, 'registered', full],
      ['a cadre of a sibling village', A.siblingVillageCadre, 'registered', masked],
      ['a village mediator', A.villageMediator, 'registered', masked],
      ['the township before escalation', A.townshipStaff, 'registered', masked],
      ['the township once escalated to it', A.townshipStaff, 'escalated', full],
      ['the township after it dispatched', A.townshipStaff, 'dispatched', full],
      ['another township', A.otherTownshipStaff, 'escalated', masked],
      ['a township mediator', A.townshipMediator, 'escalated', masked],
      ['the department before dispatch', A.departmentStaff, 'escalated', masked],
      ['the department once dispatched to it', A.departmentStaff, 'dispatched', full],
      ['another department', A.otherDepartmentStaff, 'dispatched', masked],
      ['county staff', A.countyStaff, 'dispatched', masked],
      ['a county mediator', A.countyMediator, 'dispatched', masked],
      ['an administrator', A.admin, 'dispatched', masked],
    ]
  const states = { registered: register, escalated, dispatched }

  it.each(cases)('shows %s the resident as expected', (_who, actor, state, expected) => {
    const view = viewOf(states[state](), actor)
    expect(view.resident).toEqual(expected)
    expect(view.gps === null).toBe(expected === masked)
  })

  it('masks a phone-only resident without inventing a name', () => {
    const issue = register({ resident: { phone: '13812341234' } })
    expect(viewOf(issue, A.countyStaff).resident).toEqual({ phone: '138****1234' })
  })

  it('takes personal data back from the township when it returns the matter to the village', () => {
    const returned = move(escalated(), A.townshipStaff, 'return_to_village', {
      reason: '请村里先议',
    })
    expect(viewOf(returned, A.townshipStaff).resident).toEqual(masked)
  })

  it('withholds the content of a private matter from mediators only', () => {
    const privateIssue = move(
      move(register({ isPrivate: true }), A.villageCadre, 'accept', { note: '涉及家庭纠纷' }),
      A.villageCadre,
      'resolve_locally',
      { resolution: '已点对点调解' },
    )
    const forMediator = viewOf(privateIssue, A.villageMediator)
    expect(forMediator).toMatchObject({
      title: PRIVATE_PLACEHOLDER,
      description: PRIVATE_PLACEHOLDER,
      photos: [],
      gps: null,
      resident: masked,
      resolution: { text: PRIVATE_PLACEHOLDER },
      status: 'awaiting_feedback',
    })
    expect(forMediator.place).toBeUndefined()
    expect(forMediator.events.map((event) => event.note)).toEqual(['', '', ''])
    expect(viewOf(privateIssue, A.villageCadre)).toEqual(privateIssue)
    expect(viewOf(privateIssue, A.countyStaff).title).toBe('村口路灯不亮')
    expect(viewOf(register(), A.villageMediator).title).toBe('村口路灯不亮')
  })

  it('leaves the record it is given untouched', () => {
    const issue = dispatched()
    const before = structuredClone(issue)
    viewOf(issue, A.countyStaff)
    expect(issue).toEqual(before)
  })
})
