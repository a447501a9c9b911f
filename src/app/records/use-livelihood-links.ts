/**
 * What the livelihood list (民生实事, issue #16.5) does to the issue reports
 * on this device, derived on read from the items' lean rows
 * (src/shared/livelihood/propagation.ts): the reports whose village clock
 * an on-schedule item holds (never overdue at accept or village stage: the
 * inbox, its cards and the work desk), and the source reports of returned
 * or cancelled items with their last change (the grid worker's feedback
 * visits). Reads lean rows and a handful of reports, never the kinds'
 * schemas, so the first screen stays light.
 */
import { liveQuery } from 'dexie'
import { computed, onScopeDispose, shallowRef, watch } from 'vue'
import { chinaDate } from '#shared/calendar/working-days.ts'
import {
  reportsHeldByList,
  turnedDownSources,
  type FeedbackReport,
} from '#shared/livelihood/propagation.ts'
import { appDb, type LocalRecord } from '#app/db/app-db.ts'
import { isLivelihoodListData, LIVELIHOOD_ROWS } from '#app/db/desk-projections.ts'
import { useListRows } from './use-kind-rows.ts'

/** A source report as the feedback visit rule reads it. */
export type TurnedDownReport = FeedbackReport & { orgPath: string }

/** A stored issue report as the feedback visit rule reads it, or null when it has no ledger. */
function reportOf(record: LocalRecord): TurnedDownReport | null {
  const { status, events } = record.data
  const last: unknown = Array.isArray(events) ? events.at(-1) : undefined
  const at = typeof last === 'object' && last !== null && 'at' in last ? last.at : null
  if (typeof status !== 'string' || typeof at !== 'string') return null
  return { id: record.id, status, orgPath: record.orgPath, lastEventAt: at }
}

/** The livelihood list's hold on this device's reports, kept current while the calling scope lives. */
export function useLivelihoodLinks() {
  const items = useListRows(LIVELIHOOD_ROWS, isLivelihoodListData)
  const today = chinaDate(new Date().toISOString())
  /** The ids of the reports the list holds today. */
  const heldIds = computed(() => reportsHeldByList(items.rows.value, today))

  /** The source reports of returned or cancelled items (few: read whole, only these). */
  const turnedDownReports = shallowRef<TurnedDownReport[]>([])
  const sourceKeys = computed(() =>
    [...new Set(turnedDownSources(items.rows.value))].map((id) => `issue:${id}`),
  )
  /** The keys `turnedDownReports` answers for (joined), so nothing counts before they are read. */
  const answeredFor = shallowRef<string | null>(null)
  let subscription: { unsubscribe(): void } | null = null
  watch(
    () => sourceKeys.value.join(),
    (joined) => {
      subscription?.unsubscribe()
      const keys = sourceKeys.value
      if (keys.length === 0) {
        turnedDownReports.value = []
        answeredFor.value = joined
        return
      }
      subscription = liveQuery(() => appDb.records.bulkGet(keys)).subscribe((records) => {
        turnedDownReports.value = records.flatMap((record) => {
          const report = record && reportOf(record)
          return report ? [report] : []
        })
        answeredFor.value = joined
      })
    },
    { immediate: true },
  )
  onScopeDispose(() => subscription?.unsubscribe())
  const isLoaded = computed(
    () => items.isLoaded.value && answeredFor.value === sourceKeys.value.join(),
  )

  return { items: items.rows, isLoaded, heldIds, turnedDownReports }
}
