/**
 * Consultations and opinions on this device: live views of the `records`
 * table, the county's places by name, and every change the screens make,
 * saved through the sync store (record and outbox entry in one transaction,
 * offline too). Summaries and the adoption report are computed here from
 * the pulled opinions with the shared summary (docs/consultation.md).
 */
import { defineStore } from 'pinia'
import { computed } from 'vue'
import {
  CONSULTATION_KIND,
  isConsultationData,
  mayManageConsultation,
} from '#shared/consultation/consultation.kind.ts'
import { isOpinionData, OPINION_KIND } from '#shared/consultation/opinion.kind.ts'
import type { ChangeInput } from '#app/sync/local-store.ts'
import { i18n } from '#app/i18n/index.ts'
import { usePlacesStore } from '#app/features/org/index.ts'
import { saveChanges } from '#app/records/save-changes.ts'
import { useKindRows } from '#app/records/use-kind-rows.ts'
import { useViewer } from '#app/records/use-viewer.ts'

export const useConsultationStore = defineStore('consultation', () => {
  const { rows: consultations, isLoaded } = useKindRows(CONSULTATION_KIND, isConsultationData, {
    newestBy: (data) => data.createdAt,
  })
  const { rows: opinions } = useKindRows(OPINION_KIND, isOpinionData, {
    newestBy: (data) => data.recordedAt,
  })
  const viewer = useViewer()
  // The county's places live in the org feature's store, shared with the other screens.
  const placesStore = usePlacesStore()
  const places = computed(() => placesStore.places)
  const { placeName, loadPlaces } = placesStore

  /** True when the signed-in user runs consultations of `department`. */
  function mayManage(department: string): boolean {
    return viewer.value !== null && mayManageConsultation(viewer.value, department)
  }

  /** The opinions of one consultation this device holds, oldest first. */
  function opinionsOf(consultationId: string) {
    return opinions.value.filter((row) => row.data.consultationId === consultationId).reverse()
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
