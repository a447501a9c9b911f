/**
 * Opens the self-correction case of an enforcement complaint (seed 002
 * 三(五)3: every complaint, appeal or report about an enforcement act, true
 * or not, first starts the department's self-correction procedure). Runs
 * inside the push's transaction: when an applied issue change is a dispatch
 * whose ledger entry carries the dispatcher's classification
 * (`details.enforcement`), the case is created through the normal write
 * path as the server's own actor, and commits with the dispatch or not at
 * all. The case's id is the issue's: a repeated push, a second device or a
 * second dispatch after a return finds the case there and the kind refuses
 * the opening, so each complaint has exactly one case. On PostgreSQL the
 * issue's row is locked by the push, so two pushes of the same issue queue.
 */
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import { isEnforcementComplaintType } from '#shared/oversight/enforcement.ts'
import {
  SELF_CORRECTION_ACTOR_ID,
  SELF_CORRECTION_KIND,
} from '#shared/oversight/self-correction.kind.ts'
import type { SelfCorrectionCreateInput } from '#shared/oversight/self-correction.schema.ts'
import type { MutationResult } from '#shared/sync/sync.protocol.ts'
import { systemAuth } from '../assessment/system-actor.ts'
import { applyWithSavepoints, type WithinPush } from '../sync/push.ts'
import { triggerMutation } from '../sync/system-change.ts'

/** The case an applied change calls for: an enforcement complaint just dispatched, or null. */
export function complaintDispatched(
  result: MutationResult,
): (SelfCorrectionCreateInput & { issueId: string }) | null {
  const record = result.status === 'applied' ? result.record : null
  if (record?.kind !== ISSUE_KIND || !Array.isArray(record.data.events)) return null
  const last: unknown = record.data.events.at(-1)
  if (typeof last !== 'object' || last === null) return null
  if (!('action' in last) || last.action !== 'dispatch' || !('details' in last)) return null
  const { details } = last
  if (typeof details !== 'object' || details === null) return null
  const type = 'enforcement' in details ? details.enforcement : null
  const department = 'department' in details ? details.department : null
  const title = record.data.title
  if (!isEnforcementComplaintType(type) || typeof department !== 'string') return null
  if (typeof title !== 'string') return null
  const note = 'note' in last && typeof last.note === 'string' ? last.note : ''
  return {
    origin: 'complaint',
    issueId: record.id,
    complaintType: type,
    title,
    // The dispatcher's note names the act; the department opens the issue for the rest.
    act: (note || title).slice(0, 500),
    departmentPath: department,
  }
}

/** Inside a push: opens the case of each enforcement complaint it dispatched. */
export const openSelfCorrectionWithinPush: WithinPush = async (ctx, trx, results) => {
  const { db, dialect, kinds, log } = ctx
  if (!kinds.has(SELF_CORRECTION_KIND)) return
  for (const result of results) {
    const payload = complaintDispatched(result)
    if (!payload) continue
    const auth = await systemAuth(
      db,
      SELF_CORRECTION_ACTOR_ID,
      '行政执法自我纠错（自动启动）',
      payload.departmentPath,
    )
    if (!auth) continue
    // A refusal (the case exists already) changes nothing and is not the pusher's concern.
    await applyWithSavepoints({ db, dialect, kinds, auth, log }, trx, [
      triggerMutation({
        kind: SELF_CORRECTION_KIND,
        recordId: payload.issueId,
        op: 'create',
        payload,
      }),
    ])
  }
}
