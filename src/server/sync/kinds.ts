/**
 * The record kinds this server syncs: the shared list (src/shared/record-kinds.ts),
 * with the issue kind built on the county's own stage deadlines.
 */
import { createIssueKind, ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import { DEFAULT_STAGE_DEADLINES, type StageDeadlineTable } from '#shared/issue/issue.deadlines.ts'
import { RECORD_KINDS } from '#shared/record-kinds.ts'
import { kindRegistry, type AnyRecordKind } from '#shared/sync/record-kind.ts'

export type KindRegistry = ReadonlyMap<string, AnyRecordKind>

export function kindsFor(deadlines: StageDeadlineTable): KindRegistry {
  const issueKind: AnyRecordKind = createIssueKind(deadlines)
  return kindRegistry(RECORD_KINDS.map((kind) => (kind.kind === ISSUE_KIND ? issueKind : kind)))
}

/** The kinds with the default deadline table (tests and tools without a configuration). */
export const defaultKinds: KindRegistry = kindsFor(DEFAULT_STAGE_DEADLINES)
