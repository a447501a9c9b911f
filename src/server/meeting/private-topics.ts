/**
 * Keeps discussion days in step with their topics' issue reports: when a
 * transition takes an issue off a day (turning it private: seed 002 sends a
 * private matter 点对点, never to a collective session), its ledger entry
 * names the day (`details.leftMeeting`) and this hook, run inside the push's
 * transaction, takes the topic off that day through the normal write path,
 * as the server's own actor: the matter turns private and leaves the day in
 * one commit, so no crash or failure can leave a private matter named on a
 * collective day. The meeting kind decides what goes (a topic with
 * nothing recorded) and what stays (history); a refusal changes nothing.
 */
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import { MEETING_KIND } from '#shared/meeting/meeting.schema.ts'
import { TOPIC_UPKEEP_ACTOR_ID } from '#shared/meeting/meeting.drop-topic.ts'
import type { MutationResult } from '#shared/sync/sync.protocol.ts'
import { applyWithSavepoints, type WithinPush } from '../sync/push.ts'
import { findRecord, recordKey } from '../sync/record.repository.ts'
import { triggerMutation } from '../sync/system-change.ts'
import { systemAuth } from '../assessment/system-actor.ts'

/** The day an applied issue change took the issue off, with the issue, or null. */
function leftMeeting(result: MutationResult): { issueId: string; meetingId: string } | null {
  const record = result.status === 'applied' ? result.record : null
  if (record?.kind !== ISSUE_KIND || !Array.isArray(record.data.events)) return null
  const last: unknown = record.data.events.at(-1)
  if (typeof last !== 'object' || last === null || !('details' in last)) return null
  const { details } = last
  if (typeof details !== 'object' || details === null || !('leftMeeting' in details)) return null
  const meetingId = details.leftMeeting
  return typeof meetingId === 'string' ? { issueId: record.id, meetingId } : null
}

/** Inside a push: takes each issue that left a day in it off that day's topics. */
export const dropLeftTopicsWithinPush: WithinPush = async (ctx, trx, results) => {
  const { db, dialect, kinds, log } = ctx
  if (!kinds.has(MEETING_KIND)) return
  for (const result of results) {
    const left = leftMeeting(result)
    if (!left) continue
    const meeting = await findRecord(db, dialect, recordKey(MEETING_KIND, left.meetingId))
    if (!meeting) continue
    const auth = await systemAuth(db, TOPIC_UPKEEP_ACTOR_ID, '议题调整（自动）', meeting.org_path)
    if (!auth) continue
    await applyWithSavepoints({ db, dialect, kinds, auth, log }, trx, [
      triggerMutation(
        {
          kind: MEETING_KIND,
          recordId: left.meetingId,
          op: 'drop_topic',
          payload: { issueId: left.issueId, reason: '议题已标记为涉及个人隐私，移出集体议事' },
        },
        meeting.version,
      ),
    ])
  }
}
