/** The deputies' plans and visits on this device, and the changes the screens make. */
import { computed } from 'vue'
import { defineStore } from 'pinia'
import { uuidv7 } from 'uuidv7'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { isDeputyPlanData } from '#shared/deputy/deputy-plan.kind.ts'
import { isDeputyVisitData } from '#shared/deputy/deputy-visit.kind.ts'
import {
  DEPUTY_PLAN_KIND,
  DEPUTY_VISIT_KIND,
  type DeputyPlanCreateInput,
  type DeputyPlanUpdateInput,
  type DeputyVisitCreateInput,
} from '#shared/deputy/deputy.schema.ts'
import { visitPlanStatus } from '#shared/deputy/visit-plan.ts'
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import type { IssueCreateInput } from '#shared/issue/issue.capture.schema.ts'
import { i18n } from '#app/i18n/index.ts'
import { saveChanges } from '#app/records/save-changes.ts'
import { useKindRows } from '#app/records/use-kind-rows.ts'

export const useDeputyStore = defineStore('deputy', () => {
  const { rows: plans, isLoaded } = useKindRows(DEPUTY_PLAN_KIND, isDeputyPlanData, {
    newestBy: (data) => data.createdAt,
  })
  const { rows: visits } = useKindRows(DEPUTY_VISIT_KIND, isDeputyVisitData, {
    newestBy: (data) => data.visitedOn,
  })

  /** Each plan with its villages' standing today (China time). */
  const standings = computed(() => {
    const today = chinaDate(new Date().toISOString())
    return plans.value.map((plan) => ({
      plan,
      villages: visitPlanStatus(
        plan.data,
        visits.value.filter((visit) => visit.data.planId === plan.id).map((visit) => visit.data),
        today,
      ),
    }))
  })

  const savePlan = (input: DeputyPlanCreateInput) =>
    saveChanges(
      [{ kind: DEPUTY_PLAN_KIND, op: 'create', payload: { ...input } }],
      i18n.global.t('deputy.saved'),
    )

  /** Changes a plan's villages and terms; resolves with its id, or null when refused. */
  const updatePlan = (id: string, changes: DeputyPlanUpdateInput) =>
    saveChanges(
      [{ kind: DEPUTY_PLAN_KIND, recordId: id, op: 'update', payload: { ...changes } }],
      i18n.global.t('deputy.saved'),
    )

  const recordVisit = (input: DeputyVisitCreateInput) =>
    saveChanges(
      [{ kind: DEPUTY_VISIT_KIND, op: 'create', payload: { ...input } }],
      i18n.global.t('deputy.saved'),
    )

  /**
   * The opinion becomes an issue report and the visit names it, in one save
   * (both on disk, or neither); resolves with the report's id, or null.
   */
  async function raiseOpinion(
    visitId: string,
    opinionId: string,
    issue: IssueCreateInput,
  ): Promise<string | null> {
    const issueId = uuidv7()
    const saved = await saveChanges(
      [
        {
          kind: ISSUE_KIND,
          recordId: issueId,
          op: 'create',
          payload: { ...issue, deputy: { visitId, opinionId } },
        },
        {
          kind: DEPUTY_VISIT_KIND,
          recordId: visitId,
          op: 'link_issue',
          payload: { opinionId, issueId },
        },
      ],
      i18n.global.t('deputy.raise.saved'),
    )
    return saved === null ? null : issueId
  }

  return { plans, visits, standings, isLoaded, savePlan, updatePlan, recordVisit, raiseOpinion }
})
