/**
 * 先解读，再议事: the interpretation sessions a discussion day gives the
 * policies it interpreted, recorded on each policy when the day is signed
 * off, so that the policy's 20-working-day interpretation deadline counts it.
 */
import { POLICY_KIND } from '../policy/policy.kind.ts'
import type { InterpretationInput, PolicyData } from '../policy/policy.schema.ts'
import type { MeetingData } from './meeting.schema.ts'

/** A 'record_interpretation' change on one policy, in the sync engine's change shape. */
export interface InterpretationSessionChange {
  kind: typeof POLICY_KIND
  recordId: string
  op: 'record_interpretation'
  payload: InterpretationInput & { meetingId: string }
}

/**
 * The sessions that signing off day `meetingId` records: one for each of the
 * day's policies that is linked to a held policy and has an interpreter
 * named, with the day's date, place and sign-in count. A policy the device
 * does not hold, one with no interpreter, one issued after the day, or a day
 * still in the future (after China date `today`) is left out rather than
 * block the sign-off.
 */
export function interpretationSessions(
  meetingId: string,
  day: Pick<MeetingData, 'date' | 'place' | 'policies' | 'signIn'>,
  held: ReadonlyMap<string, Pick<PolicyData, 'issueDate'>>,
  today: string,
): InterpretationSessionChange[] {
  return day.policies.flatMap((ref) => {
    const policy = ref.policyId ? held.get(ref.policyId) : undefined
    if (!ref.policyId || !policy || !ref.interpretedBy) return []
    if (day.date < policy.issueDate || day.date > today) return []
    return [
      {
        kind: POLICY_KIND,
        recordId: ref.policyId,
        op: 'record_interpretation',
        payload: {
          heldOn: day.date,
          place: day.place,
          interpreter: ref.interpretedBy,
          attendance: day.signIn?.count ?? 0,
          meetingId,
          note: ref.interpretation ?? '',
        },
      },
    ]
  })
}
