/** The record kinds this server syncs. Each kind is defined once, in src/shared. */
import { kindRegistry, type AnyRecordKind } from '#shared/sync/record-kind.ts'

export type KindRegistry = ReadonlyMap<string, AnyRecordKind>

export const RECORD_KINDS: readonly AnyRecordKind[] = []

export const defaultKinds: KindRegistry = kindRegistry(RECORD_KINDS)
