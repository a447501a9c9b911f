/**
 * The record kinds this server syncs: the shared list (src/shared/record-kinds.ts),
 * with the issue kind built on the county's own stage deadlines and the
 * consultation kind on its consultation clocks and the livelihood item kind on
 * the county's submission date.
 */
import { createIssueKind, ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import { DEFAULT_STAGE_DEADLINES, type StageDeadlineTable } from '#shared/issue/issue.deadlines.ts'
import {
  CONSULTATION_KIND,
  createConsultationKind,
} from '#shared/consultation/consultation.kind.ts'
import {
  DEFAULT_CONSULTATION_RULES,
  type ConsultationRules,
} from '#shared/consultation/consultation.rules.ts'
import {
  createLivelihoodKind,
  LIVELIHOOD_ITEM_KIND,
  type LivelihoodKindOptions,
} from '#shared/livelihood/livelihood.kind.ts'
import {
  createSelfCorrectionKind,
  SELF_CORRECTION_KIND,
  type SelfCorrectionOptions,
} from '#shared/oversight/self-correction.kind.ts'
import { createReviewKind, REVIEW_KIND, type ReviewOptions } from '#shared/oversight/review.kind.ts'
import { RECORD_KINDS } from '#shared/record-kinds.ts'
import { kindRegistry, type AnyRecordKind } from '#shared/sync/record-kind.ts'

import type { OversightConfig } from '../oversight/oversight.config.ts'

export type KindRegistry = ReadonlyMap<string, AnyRecordKind>

/** What a county configures in its record kinds (src/server/config.ts). */
export interface KindSettings {
  consultationRules?: ConsultationRules
  livelihood?: LivelihoodKindOptions
  selfCorrection?: SelfCorrectionOptions
  review?: ReviewOptions
}

export function kindsFor(
  deadlines: StageDeadlineTable,
  {
    consultationRules = DEFAULT_CONSULTATION_RULES,
    livelihood = {},
    // The server always decides who the bodies are: none unless configured.
    selfCorrection = { supervisionBody: null },
    review = { reviewBody: null, contactPoints: null },
  }: KindSettings = {},
): KindRegistry {
  const configured = new Map<string, AnyRecordKind>([
    [ISSUE_KIND, createIssueKind(deadlines)],
    [CONSULTATION_KIND, createConsultationKind(consultationRules)],
    // The county's own date for the townships' yearly lists (LIVELIHOOD_SUBMIT_BY).
    [LIVELIHOOD_ITEM_KIND, createLivelihoodKind(livelihood)],
    // The county's supervision and review bodies and step days (docs/oversight.md).
    [SELF_CORRECTION_KIND, createSelfCorrectionKind(selfCorrection)],
    [REVIEW_KIND, createReviewKind(review)],
  ])
  return kindRegistry(RECORD_KINDS.map((kind) => configured.get(kind.kind) ?? kind))
}

/** The kinds with the default deadline table (tests and tools without a configuration). */
export const defaultKinds: KindRegistry = kindsFor(DEFAULT_STAGE_DEADLINES)

/** The kinds on a server's configuration: its deadlines, clocks and dates. */
export function kindsOfConfig(config: {
  issueStageDeadlines: StageDeadlineTable
  consultationRules: ConsultationRules
  livelihoodSubmitBy: string
  oversight: OversightConfig
}): KindRegistry {
  const { oversight } = config
  return kindsFor(config.issueStageDeadlines, {
    consultationRules: config.consultationRules,
    livelihood: { submitBy: config.livelihoodSubmitBy },
    selfCorrection: {
      supervisionBody: oversight.supervisionBody,
      stepDays: oversight.selfCorrectionStepDays,
    },
    review: { reviewBody: oversight.reviewBody, contactPoints: oversight.reviewContactPoints },
  })
}
