import { describe, expect, it } from 'vitest'
import { actingAt, DEMO_ACTORS, DEMO_PATHS } from '../issue/issue.fixtures.ts'
import { PRIVATE_PLACEHOLDER } from '../issue/issue.kind.ts'
import type { Actor } from '../sync/record-kind.ts'
import { applyMeeting, meetingRefusal, samplePlan, sampleTopic } from './meeting.fixtures.ts'
import { canRecordMeeting, meetingKind } from './meeting.kind.ts'
import type { MeetingData } from './meeting.schema.ts'

const {
  villageCadre,
  siblingVillageCadre,
  villageMediator,
  townshipMediator,
  countyMediator,
  gridWorker,
  siblingGridWorker,
  townshipStaff,
} = DEMO_ACTORS

const apply = applyMeeting

const refusal = meetingRefusal

const planned = () => apply(null, 'create', samplePlan(), villageCadre)
const minutes = {
  signIn: { count: 23, representatives: ['李四'], sheetPhotos: [] },
  policies: [{ title: '清河县农村路灯管护办法', interpretedBy: '县住建局·经办人' }],
  topics: [
    { issueId: 'issue-1', views: '大家同意集资修灯', outcome: 'resolved', minutes: '村里出资修复' },
  ],
}
/** A point-to-point day on one private matter. */
const pointToPoint = () =>
  apply(
    null,
    'create',
    samplePlan({
      form: 'point_to_point',
      topics: [sampleTopic({ isPrivate: true, title: '家庭财产纠纷' })],
    }),
    villageCadre,
  )
const held = () => apply(planned(), 'record', minutes, villageMediator)
const signed = () => apply(held(), 'sign_off', {}, villageCadre)

describe('planning a discussion day', () => {
  it('lets the village cadre plan a day with fresh topics and a ledger entry', () => {
    const day = planned()
    expect(day.status).toBe('planned')
    expect(day.topics[0]).toMatchObject({ issueId: 'issue-1', outcome: null, views: '' })
    expect(day.events.map((event) => event.action)).toEqual(['plan'])
    // A village's day reaches down to its grids (issue #12.5); a grid's day stays with the grid.
    expect(meetingKind.audience(day)).toEqual([DEMO_PATHS.village, `${DEMO_PATHS.village}*`])
    const gridDay = apply(null, 'create', samplePlan({ orgPath: DEMO_PATHS.grid }), villageCadre)
    expect(meetingKind.audience(gridDay)).toEqual([DEMO_PATHS.grid])
  })

  it('refuses a grid worker, a mediator and the sibling village’s cadre', () => {
    expect(refusal(() => apply(null, 'create', samplePlan(), gridWorker)).code).toBe(
      'forbidden_role',
    )
    expect(refusal(() => apply(null, 'create', samplePlan(), villageMediator)).code).toBe(
      'forbidden_role',
    )
    expect(refusal(() => apply(null, 'create', samplePlan(), siblingVillageCadre)).code).toBe(
      'out_of_scope',
    )
  })

  it('refuses a private matter on a collective day and a report of another village', () => {
    const privateTopic = samplePlan({ topics: [sampleTopic({ isPrivate: true })] })
    expect(refusal(() => apply(null, 'create', privateTopic, villageCadre))).toMatchObject({
      code: 'not_discussable',
      message: expect.stringContaining('点对点') as string,
    })
    const foreign = samplePlan({ topics: [sampleTopic({ orgPath: DEMO_PATHS.otherVillageGrid })] })
    expect(refusal(() => apply(null, 'create', foreign, villageCadre)).code).toBe('out_of_scope')
  })

  it('holds a point-to-point session for exactly one private matter', () => {
    const one = samplePlan({ form: 'point_to_point', topics: [sampleTopic({ isPrivate: true })] })
    expect(apply(null, 'create', one, villageCadre).form).toBe('point_to_point')
    const two = samplePlan({
      form: 'point_to_point',
      topics: [
        sampleTopic({ isPrivate: true }),
        sampleTopic({ issueId: 'issue-2', isPrivate: true }),
      ],
    })
    expect(refusal(() => apply(null, 'create', two, villageCadre)).code).toBe('invalid_topics')
  })

  it('shows a private topic’s content to the village only', () => {
    const day = pointToPoint()
    expect(meetingKind.view?.(day, villageCadre).topics[0]?.title).toBe('家庭财产纠纷')
    expect(meetingKind.view?.(day, townshipStaff).topics[0]?.title).toBe(PRIVATE_PLACEHOLDER)
    expect(meetingKind.view?.(day, villageMediator).topics[0]?.title).toBe(PRIVATE_PLACEHOLDER)
  })

  it('shows a private topic to the grid worker of its grid only, now that grids see the village’s days', () => {
    const day = pointToPoint()
    const own = meetingKind.view?.(day, gridWorker)
    expect(own?.topics[0]?.title).toBe('家庭财产纠纷')
    expect(own?.notices).toEqual([{ name: '张三丰', note: '一组' }])
    const sibling = meetingKind.view?.(day, siblingGridWorker)
    expect(sibling?.topics[0]?.title).toBe(PRIVATE_PLACEHOLDER)
    expect(sibling?.notices).toEqual([])
  })
})

describe('recording the day', () => {
  it('lets the invited or village mediator record the minutes, and marks the day held', () => {
    const day = held()
    expect(day.status).toBe('held')
    expect(day.signIn?.count).toBe(23)
    expect(day.topics[0]).toMatchObject({ outcome: 'resolved', views: '大家同意集资修灯' })
  })

  it('lets only invited mediators from above record', () => {
    expect(canRecordMeeting(planned(), townshipMediator)).toBe(false)
    const invited = samplePlan({
      mediators: [
        { mediatorId: 'm-t', name: '镇解事员', level: 'township', userId: townshipMediator.userId },
      ],
    })
    expect(canRecordMeeting(apply(null, 'create', invited, villageCadre), townshipMediator)).toBe(
      true,
    )
    expect(canRecordMeeting(planned(), countyMediator)).toBe(false)
    expect(canRecordMeeting(planned(), townshipStaff)).toBe(true)
  })

  it('never changes an outcome that became the issue’s transition', () => {
    const change = { topics: [{ issueId: 'issue-1', outcome: 'deferred' }] }
    expect(refusal(() => apply(held(), 'record', change, villageMediator)).code).toBe(
      'invalid_transition',
    )
    // Other fields of the topic may still be completed before sign-off.
    const more = apply(
      held(),
      'record',
      { topics: [{ issueId: 'issue-1', followUps: '两周内完工' }] },
      villageMediator,
    )
    expect(more.topics[0]?.followUps).toBe('两周内完工')
  })
})

describe('the day and the interpretation come first (issue #12.8)', () => {
  const dayBefore = (actor: Actor) => actingAt(actor, '2025-09-27T15:59:59.000Z')

  it('refuses minutes and sign-off before the day’s date in China, and takes them from the day on', () => {
    // 2025-09-27T15:59:59Z is 23:59:59 on 09-27 in China; the day is 09-28.
    const early = refusal(() => apply(planned(), 'record', minutes, dayBefore(villageMediator)))
    expect(early).toEqual({
      code: 'day_not_reached',
      message: '议事日是2025-09-28，当天或之后才能记录议事和签字确认',
    })
    const onTheDay = actingAt(villageMediator, '2025-09-27T16:00:00.000Z')
    expect(apply(planned(), 'record', minutes, onTheDay).status).toBe('held')
    expect(refusal(() => apply(held(), 'sign_off', {}, dayBefore(villageCadre))).code).toBe(
      'day_not_reached',
    )
  })

  it('refuses an outcome while a policy of the day is not interpreted, and sign-off alike', () => {
    const withoutInterpretation = { signIn: minutes.signIn, topics: minutes.topics }
    const refused = refusal(() =>
      apply(planned(), 'record', withoutInterpretation, villageMediator),
    )
    expect(refused).toEqual({
      code: 'interpret_first',
      message:
        '先解读，再议事：请先记录「清河县农村路灯管护办法」的解读人和解读情况，再填写议事结果',
    })
    // Views and sign-in may be taken before the interpretation; outcomes may not.
    const viewsOnly = apply(
      planned(),
      'record',
      { signIn: minutes.signIn, topics: [{ issueId: 'issue-1', views: '先听意见' }] },
      villageMediator,
    )
    expect(viewsOnly.topics[0]?.outcome).toBeNull()
    const legacy: MeetingData = { ...held(), policies: [{ title: '未解读的政策' }] }
    expect(refusal(() => apply(legacy, 'sign_off', {}, villageCadre))).toMatchObject({
      code: 'incomplete',
      message: expect.stringContaining('先解读，再议事'),
    })
  })
})

describe('sign-off lock', () => {
  it('refuses sign-off before every topic has an outcome and the sign-in is recorded', () => {
    const noOutcome = apply(
      planned(),
      'record',
      { signIn: minutes.signIn, policies: minutes.policies },
      villageMediator,
    )
    expect(refusal(() => apply(noOutcome, 'sign_off', {}, villageCadre)).code).toBe('incomplete')
    const noSignIn = apply(
      planned(),
      'record',
      { topics: minutes.topics, policies: minutes.policies },
      villageMediator,
    )
    expect(refusal(() => apply(noSignIn, 'sign_off', {}, villageCadre)).code).toBe('incomplete')
    expect(refusal(() => apply(planned(), 'sign_off', {}, villageCadre)).code).toBe(
      'invalid_transition',
    )
  })

  it('lets only the cadre sign off', () => {
    expect(refusal(() => apply(held(), 'sign_off', {}, villageMediator)).code).toBe(
      'forbidden_role',
    )
    const day = signed()
    expect(day.status).toBe('signed_off')
    expect(day.signedOff?.byId).toBe(villageCadre.userId)
  })

  it('refuses every edit of a signed-off record with the lock', () => {
    for (const [op, payload] of [
      ['record', { topics: [{ issueId: 'issue-1', views: '改' }] }],
      ['update_plan', { place: '别处' }],
      ['sign_off', {}],
      ['cancel', { reason: '不开了' }],
    ] as const) {
      expect(refusal(() => apply(signed(), op, payload, villageCadre)).code).toBe('locked')
    }
  })

  it('takes corrections as amendments after sign-off, never before', () => {
    const day = apply(signed(), 'amend', { text: '到会人数应为24人' }, villageMediator)
    expect(day.amendments).toMatchObject([
      { id: '1', text: '到会人数应为24人', byId: villageMediator.userId },
    ])
    expect(day.signIn?.count).toBe(23)
    expect(day.status).toBe('signed_off')
    expect(refusal(() => apply(held(), 'amend', { text: '更正' }, villageMediator)).code).toBe(
      'invalid_transition',
    )
    expect(
      refusal(() => apply(signed(), 'amend', { text: '更正' }, siblingVillageCadre)).code,
    ).toBe('out_of_scope')
  })

  it('cancels a planned day with a reason, and nothing after', () => {
    const day = apply(planned(), 'cancel', { reason: '暴雨' }, villageCadre)
    expect(day.status).toBe('cancelled')
    expect(refusal(() => apply(day, 'record', minutes, villageMediator)).code).toBe(
      'invalid_transition',
    )
  })
})
