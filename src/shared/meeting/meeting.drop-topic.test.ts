import { describe, expect, it } from 'vitest'
import { DEMO_ACTORS } from '../issue/issue.fixtures.ts'
import type { Actor } from '../sync/record-kind.ts'
import { TOPIC_UPKEEP_ACTOR_ID } from './meeting.drop-topic.ts'
import { applyMeeting, meetingRefusal, samplePlan, sampleTopic } from './meeting.fixtures.ts'
import { viewMeeting } from './meeting.kind.ts'
import type { MeetingData } from './meeting.schema.ts'

const { villageCadre, villageMediator, townshipMediator } = DEMO_ACTORS
const upkeep: Actor = { ...DEMO_ACTORS.countyStaff, userId: TOPIC_UPKEEP_ACTOR_ID }
const REASON = '议题已标记为涉及个人隐私，移出集体议事'

const apply = applyMeeting

const refusal = meetingRefusal

const twoTopics = () =>
  apply(
    null,
    'create',
    samplePlan({ topics: [sampleTopic(), sampleTopic({ issueId: 'issue-2', title: '排水沟' })] }),
    villageCadre,
  )
const drop = (day: MeetingData, issueId = 'issue-1', actor = upkeep) =>
  apply(day, 'drop_topic', { issueId, reason: REASON }, actor)

describe('taking a topic off a discussion day when its matter turned private', () => {
  it('takes the topic off a planned day and records why, never the title', () => {
    const day = drop(twoTopics())
    expect(day.topics.map((topic) => topic.issueId)).toEqual(['issue-2'])
    expect(day.status).toBe('planned')
    expect(day.events.at(-1)).toMatchObject({ action: 'drop_topic', note: REASON })
  })

  it('cancels a planned day left without topics, its topic hidden from outsiders', () => {
    const day = drop(apply(null, 'create', samplePlan(), villageCadre))
    expect(day.status).toBe('cancelled')
    expect(day.cancelReason).toBe(REASON)
    expect(viewMeeting(day, townshipMediator).topics[0]?.title).not.toBe('村口路灯不亮')
  })

  it('keeps what a day being recorded already recorded about the topic: history stays', () => {
    const held = apply(
      twoTopics(),
      'record',
      { topics: [{ issueId: 'issue-1', views: '大家意见不一' }] },
      villageMediator,
    )
    expect(refusal(() => drop(held))).toEqual({
      code: 'invalid_transition',
      message: '该议题已有议事记录，保留原记录',
    })
    // A topic with nothing recorded yet still goes.
    expect(drop(held, 'issue-2').topics.map((topic) => topic.issueId)).toEqual(['issue-1'])
  })

  it('never touches a signed-off day', () => {
    const held = apply(
      apply(null, 'create', samplePlan(), villageCadre),
      'record',
      {
        signIn: { count: 9, representatives: [], sheetPhotos: [] },
        // 先解读，再议事: the day's policy is interpreted before a topic gets an outcome.
        policies: [{ title: '清河县农村路灯管护办法', interpretedBy: '县住建局·经办人' }],
        topics: [{ issueId: 'issue-1', outcome: 'deferred' }],
      },
      villageMediator,
    )
    const signed = apply(held, 'sign_off', {}, villageCadre)
    expect(refusal(() => drop(signed)).code).toBe('locked')
  })

  it('is the server’s own step: a user sending it is refused', () => {
    expect(refusal(() => drop(twoTopics(), 'issue-1', villageCadre))).toEqual({
      code: 'forbidden_role',
      message: '议题在说事转为隐私事项后由系统自动移出',
    })
  })

  it('refuses a report that is not a topic of the day', () => {
    expect(refusal(() => drop(twoTopics(), 'issue-9')).code).toBe('not_a_topic')
  })
})
