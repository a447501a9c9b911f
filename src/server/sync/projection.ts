/**
 * A stored record as one viewer may see it: nothing when its audience does
 * not reach them, else its data through the kind's view. Push answers with
 * it (the author's own record) and pull sends it.
 */
import type { SyncRecord } from '#shared/sync/sync.protocol.ts'
import type { AnyRecordKind } from '#shared/sync/record-kind.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { canSeeRecord, viewerOf } from '../plugins/scope.ts'
import type { KindRegistry } from './kinds.ts'
import type { RecordRow } from './record.repository.ts'

/** The record as this viewer may see it, or null when they may not see it at all. */
export function projectRecord(
  kinds: KindRegistry,
  row: RecordRow,
  audience: readonly string[],
  auth: AuthContext,
): SyncRecord | null {
  const kind = kinds.get(row.kind)
  return kind ? projectWith(kind, row, audience, auth) : null
}

export function projectWith(
  kind: AnyRecordKind,
  row: RecordRow,
  audience: readonly string[],
  auth: AuthContext,
): SyncRecord | null {
  if (!canSeeRecord(auth, audience)) return null
  const data: unknown = JSON.parse(row.data)
  if (!isPlainObject(data)) return null
  return {
    kind: row.kind,
    id: row.id,
    version: row.version,
    orgPath: row.org_path,
    data: kind.view ? kind.view(data, viewerOf(auth)) : data,
    updatedAt: row.updated_at,
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A stored record's data; a row that holds anything but an object is a server fault. */
export function parseData(row: RecordRow): Record<string, unknown> {
  const data: unknown = JSON.parse(row.data)
  if (!isPlainObject(data)) throw new Error(`record ${row.key} holds non-object data`)
  return data
}
