/**
 * Consultations and opinions on this device: live views of the `records`
 * table, the county's places by name, and every change the screens make,
 * saved through the sync store (record and outbox entry in one transaction,
 * offline too). Summaries and the adoption report are computed here from
 * the pulled opinions with the shared summary (docs/consultation.md).
 */
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { z } from 'zod'
import {
  CONSULTATION_KIND,
  isConsultationData,
  mayManageConsultation,
} from '#shared/consultation/consultation.kind.ts'
import { isOpinionData, OPINION_KIND } from '#shared/consultation/opinion.kind.ts'
import type { ChangeInput } from '#app/sync/local-store.ts'
import { orgUnitSchema, type OrgUnit } from '#shared/org/org.schema.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { appDb } from '#app/db/app-db.ts'
import { apiRequest } from '#app/api/http.ts'
import { i18n } from '#app/i18n/index.ts'
import { saveChanges } from '#app/records/save-changes.ts'
import { useKindRows } from '#app/records/use-kind-rows.ts'
import { useViewer } from '#app/records/use-viewer.ts'

const PLACES_KEY = 'consultation:places'
const placesSchema = z.array(orgUnitSchema)

export const useConsultationStore = defineStore('consultation', () => {
  const { rows: consultations, isLoaded } = useKindRows(CONSULTATION_KIND, isConsultationData, {
    newestBy: (data) => data.createdAt,
  })
  const { rows: opinions } = useKindRows(OPINION_KIND, isOpinionData, {
    newestBy: (data) => data.recordedAt,
  })
  const viewer = useViewer()
  const places = shallowRef<OrgUnit[]>([])
  const placesById = computed(() => new Map(places.value.map((unit) => [unit.id, unit])))

  /** The name of the unit at the end of `path`, or its id when this device does not know it. */
  function placeName(path: string): string {
    const id = pathIds(path).at(-1) ?? ''
    return placesById.value.get(id)?.name ?? id
  }

  /** True when the signed-in user runs consultations of `department`. */
  function mayManage(department: string): boolean {
    return viewer.value !== null && mayManageConsultation(viewer.value, department)
  }

  /** The opinions of one consultation this device holds, oldest first. */
  function opinionsOf(consultationId: string) {
    return opinions.value.filter((row) => row.data.consultationId === consultationId).reverse()
  }

  /** The county's townships, villages and departments: from the server when online, else cached. */
  async function loadPlaces(): Promise<void> {
    const cached = placesSchema.safeParse((await appDb.settings.get(PLACES_KEY))?.value)
    if (cached.success && places.value.length === 0) places.value = cached.data
    if (!navigator.onLine) return
    try {
      const { units } = await apiRequest<{ units: OrgUnit[] }>('/api/assessment/places')
      places.value = units
      await appDb.settings.put({ key: PLACES_KEY, value: units })
    } catch {
      // Offline in fact, or the server is away: the cache (if any) stays in use.
    }
  }

  /** Saves changes as one; the first record's id once on disk, or null when refused (said why). */
  function save(changes: readonly ChangeInput[]): Promise<string | null> {
    return saveChanges(changes, i18n.global.t('common.saved'))
  }

  return {
    consultations,
    opinions,
    isLoaded,
    places,
    placeName,
    mayManage,
    opinionsOf,
    loadPlaces,
    save,
  }
})
