/**
 * Loads a supervision view for the query in the URL (unit, period), keeps it
 * as the device's last view, and falls back to that view when offline.
 * The ranking is computed here with the shared scoring rules, so a cached
 * view ranks the same way offline.
 */
import { computed, ref, shallowRef, watch } from 'vue'
import { useRoute } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { currentPeriod, PERIOD_KINDS, type PeriodKind } from '#shared/supervision/period.ts'
import type { SupervisionView } from '#shared/supervision/figures.ts'
import { honourLists, rankUnits, type Standards } from '#shared/supervision/scoring.ts'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { ApiError, apiRequest } from '#app/api/http.ts'
import { useAuthStore } from '#app/features/auth/index.ts'
import { formatDateTime } from '#app/ui/format.ts'
import { readLastView, saveLastView } from './supervision-cache.ts'

/** The query string of the view the route asks for (the current quarter by default). */
export function viewQuery(query: Record<string, unknown>): string {
  const text = (key: string) => (typeof query[key] === 'string' ? query[key] : '')
  const kind = (PERIOD_KINDS as readonly string[]).includes(text('period'))
    ? (text('period') as PeriodKind)
    : 'quarter'
  const params = new URLSearchParams({ period: kind })
  if (kind === 'custom') {
    const fallback = currentPeriod('custom', chinaDate(new Date().toISOString()))
    params.set('from', text('from') || fallback.from)
    params.set('to', text('to') || fallback.to)
  } else {
    params.set('at', text('at') || currentPeriod(kind, chinaDate(new Date().toISOString())).label)
  }
  if (text('unit')) params.set('unitId', text('unit'))
  return params.toString()
}

export function useSupervision() {
  const { t } = useI18n()
  const route = useRoute()
  const auth = useAuthStore()
  const view = shallowRef<SupervisionView | null>(null)
  const standards = shallowRef<Standards | null>(null)
  const error = ref('')
  const offlineSince = ref('')
  const savedAt = ref('')
  const loading = ref(false)

  async function load(): Promise<void> {
    const query = viewQuery(route.query)
    const userId = auth.me?.user.id ?? ''
    loading.value = true
    error.value = ''
    try {
      const [fresh, rules] = await Promise.all([
        apiRequest<SupervisionView>(`/api/supervision?${query}`),
        apiRequest<Standards>('/api/supervision/standards'),
      ])
      view.value = fresh
      standards.value = rules
      offlineSince.value = ''
      savedAt.value = new Date().toISOString()
      void saveLastView(userId, { savedAt: savedAt.value, query, view: fresh, standards: rules })
    } catch (caught) {
      if (caught instanceof ApiError) {
        error.value = caught.message
      } else {
        const cached = await readLastView(userId)
        if (cached) {
          view.value = cached.view
          standards.value = cached.standards
          savedAt.value = cached.savedAt
          offlineSince.value = formatDateTime(cached.savedAt)
        } else {
          error.value = t('supervision.noCache')
        }
      }
    } finally {
      loading.value = false
    }
  }

  watch(() => route.query, load, { immediate: true })

  const ranking = computed(() =>
    view.value && standards.value ? rankUnits(view.value.areas, standards.value) : [],
  )
  const departmentRanking = computed(() =>
    view.value && standards.value ? rankUnits(view.value.departments, standards.value) : [],
  )
  const lists = computed(() =>
    standards.value
      ? honourLists([...ranking.value, ...departmentRanking.value], standards.value)
      : { commended: [], notified: [] },
  )
  return {
    view,
    standards,
    error,
    offlineSince,
    savedAt,
    loading,
    ranking,
    departmentRanking,
    lists,
    load,
  }
}
