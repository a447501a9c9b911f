/** The record kinds this server syncs: the shared list (src/shared/record-kinds.ts). */
import { RECORD_KINDS } from '#shared/record-kinds.ts'
import { kindRegistry, type AnyRecordKind } from '#shared/sync/record-kind.ts'

export type KindRegistry = ReadonlyMap<string, AnyRecordKind>

export const defaultKinds: KindRegistry = kindRegistry(RECORD_KINDS)
