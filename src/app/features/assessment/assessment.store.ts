/**
 * Policies, campaigns, assessment forms and post-evaluation cases on this
 * device: live views of the `records` table, the county's places by name,
 * and every change the screens make, saved through the sync store (record
 * and outbox entry in one transaction, offline too). Results are computed
 * here from the pulled forms with the shared aggregation (docs/assessment.md).
 * Loaded only by the lazy assessment pages.
 */
import { defineStore } from 'pinia'
import { liveQuery } from 'dexie'
import { computed, onScopeDispose, shallowRef } from 'vue'
import { showFailToast, showSuccessToast } from 'vant'
import 'vant/es/toast/style'
import { z } from 'zod'
import {
  CAMPAIGN_KIND,
  FORM_KIND,
  POST_EVALUATION_KIND,
} from '#shared/assessment/assessment.kind.ts'
import type {
  CampaignData,
  FormData,
  PostEvaluationData,
} from '#shared/assessment/assessment.schema.ts'
import { orgUnitSchema, type OrgUnit } from '#shared/org/org.schema.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { POLICY_KIND } from '#shared/policy/policy.kind.ts'
import type { PolicyData } from '#shared/policy/policy.schema.ts'
import { MutationRejection } from '#shared/sync/record-kind.ts'
import { appDb, type LocalRecord } from '#app/db/app-db.ts'
import { apiRequest } from '#app/api/http.ts'
import { StorageFullError } from '#app/sync/errors.ts'
import { i18n } from '#app/i18n/index.ts'
import { useSyncStore } from '#app/features/sync/index.ts'

/** A record of one of the assessment kinds as the screens list it. */
export interface Row<T> {
  id: string
  data: T
  /** Changes of this device not yet accepted by the server. */
  hasPending: boolean
}

const PLACES_KEY = 'assessment:places'
const placesSchema = z.array(orgUnitSchema)

/**
 * A live list of one kind, newest first by `order`. The records were made by
 * the kind's own `apply` on this device or validated by the server, so a
 * cheap shape check (`isData`) stands in for a zod parse.
 */
function useKind<T extends LocalRecord['data']>(
  kind: string,
  isData: (data: LocalRecord['data']) => data is T,
  order: (data: T) => string,
) {
  const rows = shallowRef<Row<T>[]>([])
  const subscription = liveQuery(() =>
    appDb.records.where('kind').equals(kind).toArray(),
  ).subscribe((records) => {
    const next: Row<T>[] = []
    for (const record of records) {
      const { data } = record
      if (isData(data)) next.push({ id: record.id, data, hasPending: record.hasPending === 1 })
    }
    rows.value = next.sort((a, b) => order(b.data).localeCompare(order(a.data)))
  })
  onScopeDispose(() => subscription.unsubscribe())
  return rows
}

function isPolicy(data: LocalRecord['data']): data is PolicyData {
  return typeof data.documentNumber === 'string' && Array.isArray(data.interpretations)
}
function isCampaign(data: LocalRecord['data']): data is CampaignData {
  return typeof data.policyId === 'string' && Array.isArray(data.villages) && 'rule' in data
}
function isForm(data: LocalRecord['data']): data is FormData {
  return typeof data.campaignId === 'string' && typeof data.scores === 'object'
}
function isCase(data: LocalRecord['data']): data is PostEvaluationData {
  return typeof data.campaignId === 'string' && typeof data.finding === 'object'
}

/** Shows the Chinese reason of a refusal the person can act on; rethrows anything else. */
function explainFailure(error: unknown): void {
  if (error instanceof StorageFullError || error instanceof MutationRejection) {
    showFailToast({ message: error.message, wordBreak: 'normal' })
    return
  }
  throw error
}

export const useAssessmentStore = defineStore('assessment', () => {
  const policies = useKind(POLICY_KIND, isPolicy, (data) => data.issueDate)
  const campaigns = useKind(CAMPAIGN_KIND, isCampaign, (data) => data.openedAt)
  const forms = useKind(FORM_KIND, isForm, (data) => data.submittedAt)
  const cases = useKind(POST_EVALUATION_KIND, isCase, (data) => data.openedAt)
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
    try {
      const entry = await useSyncStore().save({
        kind,
        op,
        payload,
        ...(recordId ? { recordId } : {}),
      })
      showSuccessToast({ message: savedMessage, wordBreak: 'normal' })
      return entry.recordId
    } catch (error) {
      explainFailure(error)
      return null
    }
  }

  return { policies, campaigns, forms, cases, places, placeName, loadPlaces, save }
})
