/**
 * Test fixtures for discussion days and the mediator pool, placed in the
 * demo county (see issue.fixtures.ts). Imported by tests only.
 */
import { DEMO_ACTORS, DEMO_PATHS } from '../issue/issue.fixtures.ts'
import { expect } from 'vitest'
import { MutationRejection, type Actor } from '../sync/record-kind.ts'
import type { MediatorData } from './mediator.schema.ts'
import { meetingKind } from './meeting.kind.ts'
import { meetingDataSchema, type MeetingData, type TopicPlan } from './meeting.schema.ts'

/** A topic of the demo grid, eligible for a collective day of the demo village. */
export function sampleTopic(overrides: Partial<TopicPlan> = {}): TopicPlan {
  return {
    issueId: 'issue-1',
    title: '村口路灯不亮',
    tags: ['infrastructure'],
    isPrivate: false,
    verdict: 'discussable',
    status: 'accepted',
    orgPath: DEMO_PATHS.grid,
    ...overrides,
  }
}

/** The 'create' payload of a 围炉夜话 in the demo village with one topic. */
export function samplePlan(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    date: '2025-09-28',
    startTime: '19:30',
    place: '柳河村说事站',
    form: 'fireside_talk',
    topics: [sampleTopic()],
    policies: [{ title: '清河县农村路灯管护办法', documentNumber: '清府办发〔2025〕12号' }],
    mediators: [
      {
        mediatorId: 'm-village',
        name: '柳河村·解事员',
        level: 'village',
        userId: DEMO_ACTORS.villageMediator.userId,
      },
    ],
    notices: [{ name: '张三丰', note: '一组' }],
    orgPath: DEMO_PATHS.village,
    ...overrides,
  }
}

/** A pool member at `orgPath`. */
export function sampleMediator(overrides: Partial<MediatorData> = {}): MediatorData {
  return {
    name: '王五',
    types: ['people_mediator'],
    expertise: ['neighbour_dispute'],
    orgPath: DEMO_PATHS.village,
    level: 'village',
    isActive: true,
    trainings: [],
    assessments: [],
    honours: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  }
}

/** Applies `op` to the day as `actor` would, and checks the result is a valid stored day. */
export function applyMeeting(
  current: MeetingData | null,
  op: string,
  payload: Record<string, unknown>,
  actor: Actor,
): MeetingData {
  const next = meetingKind.apply(current, { op, payload: { ...payload }, baseVersion: 0 }, actor)
  expect(meetingDataSchema.safeParse(next).success).toBe(true)
  return next
}

/** The code and Chinese reason of the refusal `action` throws. */
export function meetingRefusal(action: () => unknown): { code: string; message: string } {
  try {
    action()
  } catch (error) {
    if (error instanceof MutationRejection) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected a refusal')
}
