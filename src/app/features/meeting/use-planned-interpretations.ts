/**
 * The days this device holds that plan to interpret a policy and have not
 * recorded the session on it yet, with why (issue #12.8): shown on the
 * policy so that 待解读 never stays unexplained.
 */
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { isMeetingData, MEETING_KIND } from '#shared/meeting/meeting.kind.ts'
import { plannedInterpretations } from '#shared/meeting/planned-interpretation.ts'
import type { Interpretation } from '#shared/policy/policy.schema.ts'
import { useKindRows } from '#app/records/use-kind-rows.ts'

export function usePlannedInterpretations(
  policyId: MaybeRefOrGetter<string>,
  interpretations: MaybeRefOrGetter<readonly Pick<Interpretation, 'meetingId'>[]>,
) {
  const { rows: days } = useKindRows(MEETING_KIND, isMeetingData)
  const today = chinaDate(new Date().toISOString())
  return computed(() =>
    plannedInterpretations(toValue(policyId), toValue(interpretations), days.value, today),
  )
}
