/**
 * The record kinds this server syncs: the shared list built on the county
 * settings (src/shared/settings/settings.kinds.ts), the same way devices
 * build theirs. The running server follows its settings as they change
 * (src/server/settings/settings.state.ts); these helpers give fixed
 * registries for tests, seeds and tools.
 */
import type { StageDeadlineTable } from '#shared/issue/issue.deadlines.ts'
import type { ConsultationRules } from '#shared/consultation/consultation.rules.ts'
import type { LivelihoodKindOptions } from '#shared/livelihood/livelihood.kind.ts'
import type { SelfCorrectionOptions } from '#shared/oversight/self-correction.kind.ts'
import type { ReviewOptions } from '#shared/oversight/review.kind.ts'
import { kindsOfSettings, type KindMap } from '#shared/settings/settings.kinds.ts'
import { DEFAULT_COUNTY_SETTINGS } from '#shared/settings/settings.schema.ts'
import type { Config } from '../config.ts'
import { initialSettingsOf } from '../settings/settings.state.ts'

export type KindRegistry = KindMap

/** What a test or tool configures in its record kinds. */
export interface KindSettings {
  consultationRules?: ConsultationRules
  livelihood?: LivelihoodKindOptions
  selfCorrection?: SelfCorrectionOptions
  review?: ReviewOptions
}

/** The kinds on a deadline table and the given options; the rest at their defaults. */
export function kindsFor(
  deadlines: StageDeadlineTable,
  {
    consultationRules = DEFAULT_COUNTY_SETTINGS.consultation,
    livelihood = {},
    // The server always decides who the bodies are: none unless configured.
    selfCorrection = { supervisionBody: null },
    review = { reviewBody: null, contactPoints: null },
  }: KindSettings = {},
): KindRegistry {
  const { oversight } = DEFAULT_COUNTY_SETTINGS
  const settings = {
    ...DEFAULT_COUNTY_SETTINGS,
    stageDeadlines: { ...deadlines },
    consultation: { ...consultationRules },
    oversight: {
      supervisionBody: selfCorrection.supervisionBody ?? null,
      reviewBody: review.reviewBody ?? null,
      reviewContactPoints: review.contactPoints ? [...review.contactPoints] : null,
      selfCorrectionStepDays: { ...(selfCorrection.stepDays ?? oversight.selfCorrectionStepDays) },
    },
  }
  return kindsOfSettings({ version: 0, settings }, { livelihood })
}

/** The kinds with the default tables (tests and tools without a configuration). */
export const defaultKinds: KindRegistry = kindsFor(DEFAULT_COUNTY_SETTINGS.stageDeadlines)

/** The kinds on a server's initial settings (its environment), e.g. for the demo seed. */
export function kindsOfConfig(config: Config): KindRegistry {
  return kindsOfSettings(
    { version: 0, settings: initialSettingsOf(config) },
    { livelihood: { submitBy: config.livelihoodSubmitBy } },
  )
}
