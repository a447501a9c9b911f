/**
 * Policies, campaigns, assessment forms and post-evaluation cases on this
 * device: live views of the `records` table, the county's places by name,
 * and every change the screens make, saved through the sync store (record
 * and outbox entry in one transaction, offline too). Results are computed
 * here from the pulled forms with the shared aggregation (docs/assessment.md).
 * Loaded only by the lazy assessment pages.
 */
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { z } from 'zod'
import {
  CAMPAIGN_KIND,
  FORM_KIND,
  isCampaignData,
  isFormData,
  isPostEvaluationData,
  POST_EVALUATION_KIND,
} from '#shared/assessment/assessment.kind.ts'
import { orgUnitSchema, type OrgUnit } from '#shared/org/org.schema.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { isPolicyData, POLICY_KIND } from '#shared/policy/policy.kind.ts'
import { appDb } from '#app/db/app-db.ts'
import { apiRequest } from '#app/api/http.ts'
import { i18n } from '#app/i18n/index.ts'
import { saveChanges } from '#app/records/save-changes.ts'
import { useKindRows } from '#app/records/use-kind-rows.ts'

/** A record of one of the policy kinds as the screens list it. */
export type { KindRow as Row } from '#app/records/use-kind-rows.ts'

const PLACES_KEY = 'assessment:places'
const placesSchema = z.array(orgUnitSchema)

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
  const places = shallowRef<OrgUnit[]>([])
  const placesById = computed(() => new Map(places.value.map((unit) => [unit.id, unit])))

  /** The name of the unit at the end of `path`, or its id when this device does not know it. */
  function placeName(path: string): string {
    const id = pathIds(path).at(-1) ?? ''
    return placesById.value.get(id)?.name ?? id
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
