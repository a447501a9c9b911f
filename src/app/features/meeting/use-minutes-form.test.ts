import { describe, expect, it } from 'vitest'
import { DEMO_ACTORS } from '#shared/issue/issue.fixtures.ts'
import { samplePlan, sampleTopic } from '#shared/meeting/meeting.fixtures.ts'
import { meetingKind } from '#shared/meeting/meeting.kind.ts'
import { minutesFormOf, toMinutes } from './use-minutes-form.ts'

const planned = () =>
  meetingKind.apply(
    null,
    {
      op: 'create',
      payload: samplePlan({
        topics: [sampleTopic(), sampleTopic({ issueId: 'issue-2', title: '排水沟堵塞' })],
      }),
      baseVersion: 0,
    },
    DEMO_ACTORS.villageCadre,
  )
const reason = (minutes: string) => `纪要：${minutes}`

describe('the minutes form', () => {
  it('turns newly resolved and escalated topics into issue transitions with their minuted decision', () => {
    const day = planned()
    const form = minutesFormOf(day)
    form.signInCount = '27'
    form.representatives = '李四\n\n 王五 '
    form.policies[0]!.interpretedBy = '县住建局·经办人'
    form.topics[0] = { views: '同意', outcome: 'resolved', minutes: '村里出资修复', followUps: '' }
    form.topics[1] = { views: '', outcome: 'escalated', minutes: '需镇里协调', followUps: '' }
    const result = toMinutes(day, form, reason)
    if ('missingMinutes' in result) throw new Error('unexpected')
    expect(result.outcomes).toEqual([
      { issueId: 'issue-1', outcome: 'resolved', text: '村里出资修复' },
      { issueId: 'issue-2', outcome: 'escalated', text: '纪要：需镇里协调' },
    ])
    expect(result.minutes.signIn).toEqual({
      count: 27,
      representatives: ['李四', '王五'],
      sheetPhotos: [],
    })
    // The record op accepts what the form produced.
    const held = meetingKind.apply(
      day,
      { op: 'record', payload: result.minutes, baseVersion: 1 },
      DEMO_ACTORS.villageMediator,
    )
    expect(held.topics.map((topic) => topic.outcome)).toEqual(['resolved', 'escalated'])
  })

  it('turns a topic newly agreed into the issue’s agree transition with the agreement', () => {
    const day = planned()
    const form = minutesFormOf(day)
    form.topics[0] = { views: '', outcome: 'agreed', minutes: '每户出工两天清淤', followUps: '' }
    form.topics[1] = { views: '', outcome: 'deferred', minutes: '', followUps: '' }
    const result = toMinutes(day, form, reason)
    if ('missingMinutes' in result) throw new Error('unexpected')
    expect(result.outcomes).toEqual([
      { issueId: 'issue-1', outcome: 'agreed', text: '每户出工两天清淤' },
    ])
    form.topics[0] = { views: '', outcome: 'agreed', minutes: '', followUps: '' }
    expect(toMinutes(day, form, reason)).toEqual({ missingMinutes: 0 })
  })

  it('asks for the decision before a topic is resolved or escalated', () => {
    const day = planned()
    const form = minutesFormOf(day)
    form.topics[1] = { views: '', outcome: 'escalated', minutes: ' ', followUps: '' }
    expect(toMinutes(day, form, reason)).toEqual({ missingMinutes: 1 })
  })

  it('sends no transition again for an outcome already recorded, and leaves it unchanged', () => {
    const day = planned()
    const form = minutesFormOf(day)
    form.topics[0] = { views: '', outcome: 'resolved', minutes: '已修复', followUps: '' }
    form.policies[0]!.interpretedBy = '县住建局·经办人'
    const first = toMinutes(day, form, reason)
    if ('missingMinutes' in first) throw new Error('unexpected')
    const held = meetingKind.apply(
      day,
      { op: 'record', payload: first.minutes, baseVersion: 1 },
      DEMO_ACTORS.villageMediator,
    )
    const again = toMinutes(held, minutesFormOf(held), reason)
    if ('missingMinutes' in again) throw new Error('unexpected')
    expect(again.outcomes).toEqual([])
    expect(again.minutes.topics?.[0]).not.toHaveProperty('outcome')
    expect(again.minutes.signIn).toBeUndefined()
  })

  it('keeps the link to a registered policy through the minutes', () => {
    const day = meetingKind.apply(
      null,
      {
        op: 'create',
        payload: samplePlan({
          policies: [
            { policyId: 'policy-1', title: '农村公共设施管护办法', documentNumber: '7号' },
          ],
        }),
        baseVersion: 0,
      },
      DEMO_ACTORS.villageCadre,
    )
    const form = minutesFormOf(day)
    form.signInCount = '12'
    const [policy] = form.policies
    if (!policy) throw new Error('the plan has a policy')
    policy.interpretedBy = '县住建局·王科长'
    const result = toMinutes(day, form, reason)
    if ('missingMinutes' in result) throw new Error('unexpected')
    expect(result.minutes.policies).toEqual([
      {
        policyId: 'policy-1',
        title: '农村公共设施管护办法',
        documentNumber: '7号',
        interpretedBy: '县住建局·王科长',
      },
    ])
  })
})
