/**
 * Every record kind the platform syncs, in one list that the device and the
 * server both build their registries from. A new kind is added here once.
 */
import { campaignKind, formKind, postEvaluationKind } from './assessment/assessment.kind.ts'
import { catalogueKind } from './consultation/catalogue.kind.ts'
import { consultationKind } from './consultation/consultation.kind.ts'
import { opinionKind } from './consultation/opinion.kind.ts'
import { deputyPlanKind } from './deputy/deputy-plan.kind.ts'
import { deputyVisitKind } from './deputy/deputy-visit.kind.ts'
import { disclosureCategoryKind } from './disclosure/disclosure-category.kind.ts'
import { disclosureKind } from './disclosure/disclosure.kind.ts'
import { issueKind } from './issue/issue.kind.ts'
import { livelihoodItemKind } from './livelihood/livelihood.kind.ts'
import { rankingKind } from './livelihood/ranking.kind.ts'
import { mediatorKind } from './meeting/mediator.kind.ts'
import { meetingKind } from './meeting/meeting.kind.ts'
import { touringClassKind } from './meeting/outreach-class.kind.ts'
import { studioKind } from './meeting/outreach-studio.kind.ts'
import { policyKind } from './policy/policy.kind.ts'
import { reviewKind } from './oversight/review.kind.ts'
import { selfCorrectionKind } from './oversight/self-correction.kind.ts'
import type { AnyRecordKind } from './sync/record-kind.ts'

export const RECORD_KINDS: readonly AnyRecordKind[] = [
  issueKind,
  meetingKind,
  mediatorKind,
  policyKind,
  campaignKind,
  formKind,
  postEvaluationKind,
  catalogueKind,
  consultationKind,
  opinionKind,
  livelihoodItemKind,
  rankingKind,
  deputyPlanKind,
  deputyVisitKind,
  disclosureKind,
  disclosureCategoryKind,
  selfCorrectionKind,
  reviewKind,
  touringClassKind,
  studioKind,
]
