/**
 * The county's oversight settings (docs/oversight.md), read with the rest of
 * the configuration at startup:
 * - ENFORCEMENT_SUPERVISION_UNIT: the department that is the county's
 *   enforcement-supervision body (行政执法监督机构); '' for none;
 * - REVIEW_BODY_UNIT: the department that handles administrative review for
 *   the county government (行政复议机构); '' for none;
 * - REVIEW_CONTACT_POINTS: ids of the township and village stations that are
 *   review contact points, comma-separated; unset or '*' for every station;
 * - SELF_CORRECTION_STEP_DAYS: working days per step, like
 *   "file_review=2,investigation=10,hearing=5,cause_analysis=5,feedback=3".
 * The demo county's justice bureau (demo-dept-6) is both bodies by default,
 * as the seed has it: one county justice bureau supervises enforcement and
 * handles review.
 */
import { ORG_ID_PATTERN } from '#shared/org/org-path.ts'
import {
  DEFAULT_SELF_CORRECTION_STEP_DAYS,
  type SelfCorrectionStepDays,
} from '#shared/oversight/self-correction.deadlines.ts'
import { SELF_CORRECTION_STEPS } from '#shared/oversight/self-correction.schema.ts'
import { parseDaysTable } from '../config-days.ts'

/** The demo county's 县司法局 (src/server/org/demo-county.seed.ts). */
export const DEMO_JUSTICE_BUREAU = 'demo-dept-6'

/** What a county configures for oversight. */
export interface OversightConfig {
  supervisionBody: string | null
  reviewBody: string | null
  /** Null: every township and village station. */
  reviewContactPoints: readonly string[] | null
  selfCorrectionStepDays: SelfCorrectionStepDays
}

function unitId(name: string, value: string | undefined): string | null {
  if (value === undefined) return DEMO_JUSTICE_BUREAU
  const trimmed = value.trim()
  if (trimmed === '') return null
  if (!ORG_ID_PATTERN.test(trimmed)) throw new Error(`${name}: "${value}" is not an org unit id`)
  return trimmed
}

function contactPoints(value: string | undefined): readonly string[] | null {
  if (value === undefined || value.trim() === '' || value.trim() === '*') return null
  const ids = value.split(',').map((part) => part.trim())
  const bad = ids.find((id) => !ORG_ID_PATTERN.test(id))
  if (bad !== undefined) throw new Error(`REVIEW_CONTACT_POINTS: "${bad}" is not an org unit id`)
  return ids
}

/** The oversight settings from the environment. */
export function parseOversightConfig(env: NodeJS.ProcessEnv): OversightConfig {
  return {
    supervisionBody: unitId('ENFORCEMENT_SUPERVISION_UNIT', env.ENFORCEMENT_SUPERVISION_UNIT),
    reviewBody: unitId('REVIEW_BODY_UNIT', env.REVIEW_BODY_UNIT),
    reviewContactPoints: contactPoints(env.REVIEW_CONTACT_POINTS),
    // A mistyped step stops the server, naming the entry.
    selfCorrectionStepDays: parseDaysTable(
      'SELF_CORRECTION_STEP_DAYS',
      env.SELF_CORRECTION_STEP_DAYS,
      'step',
      SELF_CORRECTION_STEPS,
      DEFAULT_SELF_CORRECTION_STEP_DAYS,
    ),
  }
}
