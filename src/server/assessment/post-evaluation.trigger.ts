/**
 * The one place where the post-evaluation trigger runs: after forms of a
 * campaign were stored (pushed by devices or submitted on the public route).
 * It aggregates the campaign's own forms (its department's, from its
 * villages: `isCampaignForm`) with the shared function and, when the
 * campaign's rule is met and no case exists yet, opens one for the issuing
 * department through the normal write path. The case's id is the campaign's
 * id, so the trigger is idempotent: a second opening is refused by the kind.
 */
import type { MutationResult } from '#shared/sync/sync.protocol.ts'
import {
  FORM_KIND,
  POST_EVALUATION_ACTOR_ID,
  POST_EVALUATION_KIND,
} from '#shared/assessment/assessment.kind.ts'
import {
  aggregateCampaign,
  evaluateTrigger,
  isCampaignForm,
} from '#shared/assessment/assessment.results.ts'
import type { Database } from '../db/database.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { applyBatch } from '../sync/push.ts'
import { triggerMutation } from '../sync/system-change.ts'
import { findCampaign, findCampaignForms, hasPostEvaluation } from './assessment.repository.ts'
import { systemAuth } from './system-actor.ts'

/** Opens the post-evaluation of `campaignId` when its results call for one; true when it did. */
export async function openPostEvaluationIfDue(
  { db, dialect }: Database,
  kinds: KindRegistry,
  campaignId: string,
): Promise<boolean> {
  if (!kinds.has(POST_EVALUATION_KIND)) return false
  const campaign = await findCampaign(db, dialect, campaignId)
  if (!campaign || (await hasPostEvaluation(db, dialect, campaignId))) return false
  const forms = await findCampaignForms(db, campaignId)
  const results = aggregateCampaign(campaignId, campaign, forms)
  const finding = evaluateTrigger(results, campaign.rule)
  if (!finding) return false
  const auth = await systemAuth(
    db,
    POST_EVALUATION_ACTOR_ID,
    '后评估（自动启动）',
    campaign.issuingDepartment,
  )
  if (!auth) return false
  const formIds = forms
    .filter((form) => form.data.status === 'submitted' && isCampaignForm(form.data, campaign))
    .map((form) => form.id)
    .sort()
  const [result] = await applyBatch({ db, dialect, kinds, auth }, [
    triggerMutation({
      kind: POST_EVALUATION_KIND,
      recordId: campaignId,
      op: 'create',
      payload: {
        campaignId,
        policyId: campaign.policyId,
        policyTitle: campaign.policyTitle,
        documentNumber: campaign.documentNumber,
        issuingDepartment: campaign.issuingDepartment,
        villages: campaign.villages,
        rule: campaign.rule,
        finding,
        formIds,
      },
    }),
  ])
  return result?.status === 'applied'
}

/** After a push: runs the trigger for each campaign whose forms it stored. */
export async function openPostEvaluationsAfterPush(
  database: Database,
  kinds: KindRegistry,
  results: readonly MutationResult[],
): Promise<void> {
  const campaignIds = new Set<string>()
  for (const result of results) {
    const record = result.status === 'applied' ? result.record : null
    const campaignId = record?.data.campaignId
    if (record?.kind === FORM_KIND && typeof campaignId === 'string') campaignIds.add(campaignId)
  }
  for (const campaignId of campaignIds) await openPostEvaluationIfDue(database, kinds, campaignId)
}
