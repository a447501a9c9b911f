/**
 * The days this device holds that plan to interpret a policy and have not
 * recorded the session on it yet, with why (issue #12.8): shown on the
 * policy so that 待解读 never stays unexplained.
 */
import { liveQuery } from 'dexie'
import { computed, onScopeDispose, shallowRef, toValue, type MaybeRefOrGetter } from 'vue'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { MEETING_KIND } from '#shared/meeting/meeting.schema.ts'
import type { MeetingData } from '#shared/meeting/meeting.schema.ts'
import { plannedInterpretations } from '#shared/meeting/planned-interpretation.ts'
import type { Interpretation } from '#shared/policy/policy.schema.ts'
import { appDb, type LocalRecord } from '#app/db/app-db.ts'

/** A cheap shape check instead of a zod parse: the kind's apply or the server made these. */
export const isMeeting = (data: LocalRecord['data']): data is MeetingData =>
  typeof data.date === 'string' && Array.isArray(data.topics) && Array.isArray(data.events)

export function usePlannedInterpretations(
  policyId: MaybeRefOrGetter<string>,
  interpretations: MaybeRefOrGetter<readonly Pick<Interpretation, 'meetingId'>[]>,
) {
  const days = shallowRef<{ id: string; data: MeetingData }[]>([])
  const subscription = liveQuery(() =>
    appDb.records.where('kind').equals(MEETING_KIND).toArray(),
  ).subscribe((records) => {
    days.value = records.flatMap((record) =>
      isMeeting(record.data) ? [{ id: record.id, data: record.data }] : [],
    )
  })
  onScopeDispose(() => subscription.unsubscribe())
  const today = chinaDate(new Date().toISOString())
  return computed(() =>
    plannedInterpretations(toValue(policyId), toValue(interpretations), days.value, today),
  )
}
