/**
 * Policies, campaigns, assessment forms and post-evaluation cases on this
 * device: live views of the `records` table, the county's places by name,
 * and every change the screens make, saved through the sync store (record
 * and outbox entry in one transaction, offline too). Results are computed
 * here from the pulled forms with the shared aggregation (docs/assessment.md).
 * Loaded only by the lazy assessment pages.
 */
import { defineStore } from 'pinia'
import { computed } from 'vue'
import {
  CAMPAIGN_KIND,
  FORM_KIND,
  isCampaignData,
  isFormData,
  isPostEvaluationData,
  POST_EVALUATION_KIND,
} from '#shared/assessment/assessment.kind.ts'
import { isPolicyData, POLICY_KIND } from '#shared/policy/policy.kind.ts'
import { i18n } from '#app/i18n/index.ts'
import { usePlacesStore } from '#app/features/org/index.ts'
import { saveChanges } from '#app/records/save-changes.ts'
import { useKindRows } from '#app/records/use-kind-rows.ts'

/** A record of one of the policy kinds as the screens list it. */
export type { KindRow as Row } from '#app/records/use-kind-rows.ts'

export const useAssessmentStore = defineStore('assessment', () => {
  const { rows: policies } = useKindRows(POLICY_KIND, isPolicyData, {
    newestBy: (data) => data.issueDate,
  })
  const { rows: campaigns } = useKindRows(CAMPAIGN_KIND, isCampaignData, {
    newestBy: (data) => data.openedAt,
  })
  const { rows: forms } = useKindRows(FORM_KIND, isFormData, {
    newestBy: (data) => data.submittedAt,
  })
  const { rows: cases } = useKindRows(POST_EVALUATION_KIND, isPostEvaluationData, {
    newestBy: (data) => data.openedAt,
  })
  // The county's places live in the org feature's store, shared with the other screens.
  const placesStore = usePlacesStore()
  const places = computed(() => placesStore.places)
  const { placeName, loadPlaces } = placesStore

  /** Saves one change; the new record's id once on disk, or null when refused (the reason is shown). */
  async function save(
    kind: string,
    op: string,
    payload: Record<string, unknown>,
    recordId?: string,
    savedMessage = i18n.global.t('common.saved'),
  ): Promise<string | null> {
    return saveChanges([{ kind, op, payload, ...(recordId ? { recordId } : {}) }], savedMessage)
  }

  return { policies, campaigns, forms, cases, places, placeName, loadPlaces, save }
})
