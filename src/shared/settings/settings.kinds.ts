/**
 * The record kinds on a county's settings: the shared list with the issue,
 * consultation, self-correction and review kinds built on the county's own
 * tables and bodies. The server and every device build them here, from the
 * same settings snapshot, so a phone allows exactly what the server will
 * accept (the server still runs the kind again as the truth).
 */
import { createIssueKind, ISSUE_KIND } from '../issue/issue.kind.ts'
import { CONSULTATION_KIND, createConsultationKind } from '../consultation/consultation.kind.ts'
import {
  createLivelihoodKind,
  LIVELIHOOD_ITEM_KIND,
  type LivelihoodKindOptions,
} from '../livelihood/livelihood.kind.ts'
import {
  createSelfCorrectionKind,
  SELF_CORRECTION_KIND,
} from '../oversight/self-correction.kind.ts'
import { createReviewKind, REVIEW_KIND } from '../oversight/review.kind.ts'
import { RECORD_KINDS } from '../record-kinds.ts'
import { kindRegistry, type AnyRecordKind } from '../sync/record-kind.ts'
import type { SettingsSnapshot } from './settings.schema.ts'

/** A registry of record kinds by name. */
export type KindMap = ReadonlyMap<string, AnyRecordKind>

/** What besides the settings shapes the kinds. */
export interface KindsOptions {
  /** What is still server configuration (LIVELIHOOD_SUBMIT_BY). */
  livelihood?: LivelihoodKindOptions
  /**
   * A device that has not received the settings yet: the oversight bodies
   * are left undefined, so the kinds let the server decide rather than
   * refuse on a guess.
   */
  areBodiesUnknown?: boolean
}

/** The kinds on `snapshot`. */
export function kindsOfSettings(
  { version, settings }: Pick<SettingsSnapshot, 'version' | 'settings'>,
  { livelihood = {}, areBodiesUnknown = false }: KindsOptions = {},
): KindMap {
  const known = <T>(value: T): T | undefined => (areBodiesUnknown ? undefined : value)
  const { oversight } = settings
  const configured = new Map<string, AnyRecordKind>([
    [ISSUE_KIND, createIssueKind(settings.stageDeadlines, version)],
    [CONSULTATION_KIND, createConsultationKind(settings.consultation)],
    [LIVELIHOOD_ITEM_KIND, createLivelihoodKind(livelihood)],
    [
      SELF_CORRECTION_KIND,
      createSelfCorrectionKind({
        supervisionBody: known(oversight.supervisionBody),
        stepDays: oversight.selfCorrectionStepDays,
      }),
    ],
    [
      REVIEW_KIND,
      createReviewKind({
        reviewBody: known(oversight.reviewBody),
        contactPoints: known(oversight.reviewContactPoints),
      }),
    ],
  ])
  return kindRegistry(RECORD_KINDS.map((kind) => configured.get(kind.kind) ?? kind))
}

/**
 * A registry that always answers from `current()`: handed once to the sync
 * routes (or the device's engine), it follows every settings change without
 * rebuilding what holds it.
 */
export function liveKinds(current: () => KindMap): KindMap {
  return {
    get size() {
      return current().size
    },
    get: (name) => current().get(name),
    has: (name) => current().has(name),
    forEach: (callback, thisArg?: unknown) => {
      current().forEach(callback, thisArg)
    },
    entries: () => current().entries(),
    keys: () => current().keys(),
    values: () => current().values(),
    [Symbol.iterator]: () => current()[Symbol.iterator](),
  }
}
