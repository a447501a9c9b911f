/**
 * Self-correction cases and review matters on this device: live views of the
 * `records` table and every change the screens make, saved through the sync
 * store (record and outbox entry in one transaction, offline too).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { OversightSettings } from '#shared/oversight/oversight.api.ts'
import { isReviewData, REVIEW_KIND } from '#shared/oversight/review.kind.ts'
import type { ReviewData } from '#shared/oversight/review.schema.ts'
import {
  isSelfCorrectionData,
  SELF_CORRECTION_KIND,
} from '#shared/oversight/self-correction.kind.ts'
import type { SelfCorrectionData } from '#shared/oversight/self-correction.schema.ts'
import { apiRequest } from '#app/api/http.ts'
import { i18n } from '#app/i18n/index.ts'
import { saveChanges } from '#app/records/save-changes.ts'
import { useKindRows, type KindRow } from '#app/records/use-kind-rows.ts'

/** A case as the screens list it. */
export type CaseRow = KindRow<SelfCorrectionData>
/** A review matter as the screens list it. */
export type ReviewRow = KindRow<ReviewData>

export const useOversightStore = defineStore('oversight', () => {
  const { rows: cases, isLoaded: areCasesLoaded } = useKindRows(
    SELF_CORRECTION_KIND,
    isSelfCorrectionData,
    { newestBy: (data) => data.openedOn },
  )
  const { rows: reviews, isLoaded: areReviewsLoaded } = useKindRows(REVIEW_KIND, isReviewData, {
    newestBy: (data) => data.receivedOn,
  })
  /** The county's bodies, once read online; null offline (the screens then go by the records). */
  const settings = ref<OversightSettings | null>(null)

  async function loadSettings(): Promise<void> {
    settings.value = await apiRequest<OversightSettings>('/api/oversight/settings').catch(
      () => settings.value,
    )
  }

  const t = i18n.global.t
  /** One change of a case. */
  const changeCase = (id: string, op: string, payload: Record<string, unknown>) =>
    saveChanges(
      [{ kind: SELF_CORRECTION_KIND, op, payload, recordId: id }],
      t('oversight.cases.saved'),
    )
  /** The supervision body opens a correction investigation. */
  const openInvestigation = (payload: Record<string, unknown>) =>
    saveChanges(
      [{ kind: SELF_CORRECTION_KIND, op: 'create', payload }],
      t('oversight.cases.opened'),
    )
  /** A station takes in an application or a consultation. */
  const takeIn = (payload: Record<string, unknown>) =>
    saveChanges([{ kind: REVIEW_KIND, op: 'create', payload }], t('oversight.review.saved'))
  /** Forward or decide a review matter. */
  const changeReview = (id: string, op: 'forward' | 'decide', payload: Record<string, unknown>) =>
    saveChanges(
      [{ kind: REVIEW_KIND, op, payload, recordId: id }],
      t(op === 'forward' ? 'oversight.review.forwarded' : 'oversight.review.decided'),
    )

  return {
    cases,
    areCasesLoaded,
    reviews,
    areReviewsLoaded,
    settings,
    loadSettings,
    changeCase,
    openInvestigation,
    takeIn,
    changeReview,
  }
})
