/**
 * The record kinds this server syncs: the shared list (src/shared/record-kinds.ts),
 * with the issue kind built on the county's own stage deadlines and the
 * livelihood item kind on its own submission date.
 */
import { createIssueKind, ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import { DEFAULT_STAGE_DEADLINES, type StageDeadlineTable } from '#shared/issue/issue.deadlines.ts'
import {
  createLivelihoodKind,
  LIVELIHOOD_ITEM_KIND,
  type LivelihoodKindOptions,
} from '#shared/livelihood/livelihood.kind.ts'
import { RECORD_KINDS } from '#shared/record-kinds.ts'
import { kindRegistry, type AnyRecordKind } from '#shared/sync/record-kind.ts'

export type KindRegistry = ReadonlyMap<string, AnyRecordKind>

export function kindsFor(
  deadlines: StageDeadlineTable,
  livelihood: LivelihoodKindOptions = {},
): KindRegistry {
  const configured = new Map<string, AnyRecordKind>([
    [ISSUE_KIND, createIssueKind(deadlines)],
    // The county's own date for the townships' yearly lists (LIVELIHOOD_SUBMIT_BY).
    [LIVELIHOOD_ITEM_KIND, createLivelihoodKind(livelihood)],
  ])
  return kindRegistry(RECORD_KINDS.map((kind) => configured.get(kind.kind) ?? kind))
}

/** The kinds with the default deadline table (tests and tools without a configuration). */
export const defaultKinds: KindRegistry = kindsFor(DEFAULT_STAGE_DEADLINES)
