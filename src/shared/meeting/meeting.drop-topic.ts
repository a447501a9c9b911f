/**
 * Taking a topic off a discussion day once its issue report has left it (it
 * was turned private: a private matter never goes to a collective session,
 * seed 002). Only the server sends 'drop_topic', as its own actor, when an
 * issue leaves a day (src/server/meeting/private-topics.ts), and only once
 * the issue says it has left.
 */
import { z } from 'zod'
import { text } from '../common/text.schema.ts'
import { ISSUE_KIND } from '../issue/issue.kind.ts'
import { issueDataSchema } from '../issue/issue.schema.ts'
import {
  MutationRejection,
  parsePayload,
  recordReference,
  type Actor,
  type MutationInput,
  type RecordReference,
} from '../sync/record-kind.ts'
import type { MeetingData } from './meeting.schema.ts'

/** The server's actor that takes topics off days (not a user id: those have no colon). */
export const TOPIC_UPKEEP_ACTOR_ID = 'system:topic-upkeep'

const dropTopicPayloadSchema = z.object({
  issueId: z.string({ error: '议题不正确' }).min(1, '议题不正确').max(64, '议题不正确'),
  reason: text({ max: 200, missing: '请填写移出原因' }),
})

/**
 * Takes off a topic whose issue has left the day (the server checks that it
 * has, `dropTopicReferences`). Only a topic with nothing recorded goes: what
 * a day recorded about a topic is history and stays as it was. A day left
 * without topics keeps this one marked private (so that only the village
 * reads it, `viewMeeting`): a planned day is cancelled, a day being recorded
 * records it as 暂缓再议. The ledger note is the reason, never the title.
 */
export function dropTopic(
  current: MeetingData,
  payload: Record<string, unknown>,
  actor: Actor,
): MeetingData {
  if (actor.userId !== TOPIC_UPKEEP_ACTOR_ID) {
    throw new MutationRejection('forbidden_role', '议题在说事转为隐私事项后由系统自动移出')
  }
  const { issueId, reason } = parsePayload(dropTopicPayloadSchema, payload)
  const topic = current.topics.find((candidate) => candidate.issueId === issueId)
  if (!topic) throw new MutationRejection('not_a_topic', '该说事不是这次议事日的议题')
  if (topic.outcome !== null || topic.views || topic.minutes || topic.followUps) {
    throw new MutationRejection('invalid_transition', '该议题已有议事记录，保留原记录')
  }
  const entry = {
    action: 'drop_topic' as const,
    actorId: actor.userId,
    actorName: actor.userName,
    actorRole: actor.role,
    at: actor.at,
    note: reason,
  }
  const events = [...current.events, entry]
  const rest = current.topics.filter((candidate) => candidate !== topic)
  if (rest.length > 0) return { ...current, topics: rest, events }
  const hidden = { ...topic, isPrivate: true }
  if (current.status === 'planned') {
    return { ...current, topics: [hidden], status: 'cancelled', cancelReason: reason, events }
  }
  return { ...current, topics: [{ ...hidden, outcome: 'deferred' }], events }
}

/** A topic may be dropped only once its issue report is no longer on the day. */
export function dropTopicReferences(
  mutation: MutationInput,
  { recordId }: { recordId: string },
): RecordReference[] {
  const { issueId } = mutation.payload
  if (mutation.op !== 'drop_topic' || typeof issueId !== 'string') return []
  return [
    recordReference(
      ISSUE_KIND,
      issueDataSchema,
      issueId,
      { code: 'not_a_topic', message: '该说事不存在或不在您的管辖范围内' },
      (issue) => {
        if (issue.meeting?.id === recordId) {
          throw new MutationRejection('invalid_transition', '该说事仍安排在这次议事日，不能移出')
        }
        return []
      },
    ),
  ]
}
