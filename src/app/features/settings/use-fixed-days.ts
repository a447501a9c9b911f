/**
 * The next fixed discussion days of a unit, on the county settings this
 * device holds (a township's or village's own rule over the county's).
 */
import { computed, type ComputedRef } from 'vue'
import { storeToRefs } from 'pinia'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { fixedDayRuleFor, upcomingFixedDaysByRule } from '#shared/settings/fixed-day.ts'
import { useSyncStore } from '#app/features/sync/index.ts'

export function useFixedDays(unitPath: () => string, count = 3): ComputedRef<string[]> {
  const { countySettings } = storeToRefs(useSyncStore())
  return computed(() =>
    upcomingFixedDaysByRule(
      chinaDate(new Date().toISOString()),
      count,
      fixedDayRuleFor(countySettings.value.settings.fixedDay, unitPath()),
    ),
  )
}
