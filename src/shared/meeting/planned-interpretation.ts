/**
 * Why a policy planned for interpretation on a discussion day still shows
 * no session from it (issue #12.8): the session is recorded on the policy
 * when the day is signed off, so until then — or when the day was cancelled —
 * the policy says what it waits for instead of silently staying 待解读.
 */
import type { Interpretation } from '../policy/policy.schema.ts'
import type { MeetingData } from './meeting.schema.ts'

/**
 * Where the planned interpretation stands: the day is still to come, has
 * come but is not minuted, is minuted but not signed off, was cancelled, or
 * was signed off without the session reaching the policy (a day older than
 * the interpret-first rule, or a policy dated after the day).
 */
export const PLANNED_INTERPRETATION_STATES = [
  'upcoming',
  'not_recorded',
  'not_signed_off',
  'cancelled',
  'not_interpreted',
] as const
/** One of PLANNED_INTERPRETATION_STATES. */
export type PlannedInterpretationState = (typeof PLANNED_INTERPRETATION_STATES)[number]

/** A day that lists the policy and has not recorded its session on it. */
export interface PlannedInterpretation {
  meetingId: string
  date: string
  state: PlannedInterpretationState
}

/**
 * The days among `meetings` that plan to interpret policy `policyId` and
 * whose session the policy does not hold yet, oldest first; `today` is the
 * China date.
 */
export function plannedInterpretations(
  policyId: string,
  interpretations: readonly Pick<Interpretation, 'meetingId'>[],
  meetings: readonly { id: string; data: Pick<MeetingData, 'date' | 'status' | 'policies'> }[],
  today: string,
): PlannedInterpretation[] {
  const recorded = new Set(interpretations.map((session) => session.meetingId))
  return meetings
    .filter(
      (day) =>
        !recorded.has(day.id) && day.data.policies.some((policy) => policy.policyId === policyId),
    )
    .map((day) => ({ meetingId: day.id, date: day.data.date, state: stateOf(day.data, today) }))
    .sort((a, b) => a.date.localeCompare(b.date))
}

function stateOf(
  day: Pick<MeetingData, 'date' | 'status'>,
  today: string,
): PlannedInterpretationState {
  switch (day.status) {
    case 'cancelled':
      return 'cancelled'
    case 'held':
      return 'not_signed_off'
    case 'signed_off':
      return 'not_interpreted'
    case 'planned':
      return day.date > today ? 'upcoming' : 'not_recorded'
  }
}
