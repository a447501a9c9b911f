/**
 * The livelihood item that answers one issue report, on this device (issue
 * #16.5, derived on read: src/shared/livelihood/propagation.ts): what the
 * report's page shows of it, and whether it holds the report's village
 * clock (an on-schedule item: the report is not overdue at village stage).
 */
import { computed, type Ref } from 'vue'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { isLivelihoodItemData } from '#shared/livelihood/livelihood.kind.ts'
import { LIVELIHOOD_ITEM_KIND } from '#shared/livelihood/livelihood.schema.ts'
import { listingOf, reportsHeldByList } from '#shared/livelihood/propagation.ts'
import { useKindRows } from '#app/records/use-kind-rows.ts'

export function useIssueListing(issueId: Ref<string>) {
  const { rows } = useKindRows(LIVELIHOOD_ITEM_KIND, isLivelihoodItemData)
  const today = chinaDate(new Date().toISOString())
  const listing = computed(() => listingOf(issueId.value, rows.value))
  const isHeldByList = computed(() => reportsHeldByList(rows.value, today).has(issueId.value))
  return { listing, isHeldByList }
}
