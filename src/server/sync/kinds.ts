/**
 * The record kinds this server syncs: the shared list (src/shared/record-kinds.ts),
 * with the issue kind built on the county's own stage deadlines and the
 * consultation kind on its consultation clocks.
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
import { RECORD_KINDS } from '#shared/record-kinds.ts'
import { kindRegistry, type AnyRecordKind } from '#shared/sync/record-kind.ts'

export type KindRegistry = ReadonlyMap<string, AnyRecordKind>

export function kindsFor(
  deadlines: StageDeadlineTable,
  consultationRules: ConsultationRules = DEFAULT_CONSULTATION_RULES,
): KindRegistry {
  const configured = new Map<string, AnyRecordKind>([
    [ISSUE_KIND, createIssueKind(deadlines)],
    [CONSULTATION_KIND, createConsultationKind(consultationRules)],
  ])
  return kindRegistry(RECORD_KINDS.map((kind) => configured.get(kind.kind) ?? kind))
}

/** The kinds with the default deadline table (tests and tools without a configuration). */
export const defaultKinds: KindRegistry = kindsFor(DEFAULT_STAGE_DEADLINES)
