/**
 * Local writes. Saving a change puts the record's new local state and its
 * outbox entry in ONE Dexie transaction, so "已保存" means both are on disk
 * (guarantee 1). The local state is always recomputed the same way: the
 * server's last word with every unsynced change of this device applied on top
 * (a rebase, as Replicache does), so a pull never loses what the user typed.
 */
import { uuidv7 } from 'uuidv7'
import { MutationRejection, type Actor, type AnyRecordKind } from '#shared/sync/record-kind.ts'
import type { AppDb, LocalRecord, OutboxEntry } from '#app/db/app-db.ts'
import { isQuotaError, StorageFullError } from './errors.ts'

export type KindMap = ReadonlyMap<string, AnyRecordKind>

export const recordKey = (kind: string, id: string): string => `${kind}:${id}`

/**
 * The server's state of a stored record (null: the server has none). A record
 * is stored once: without pending changes its `data` IS the server's state;
 * only with them is the server's copy kept apart, in `serverData`.
 */
export function serverCopy(record: LocalRecord): Record<string, unknown> | null {
  return record.hasPending === 1 ? (record.serverData ?? null) : record.data
}

/** The device's id (made once) and the sync state row. */
export async function syncState(db: AppDb) {
  const existing = await db.syncMeta.get('state')
  if (existing) return existing
  const fresh = {
    key: 'state' as const,
    deviceId: uuidv7(),
    cursor: null,
    epoch: null,
    lastSuccessAt: null,
    lastError: null,
    isOutdated: false,
  }
  await db.syncMeta.add(fresh).catch(() => undefined) // another tab made it first
  return (await db.syncMeta.get('state')) ?? fresh
}

export interface ChangeInput {
  kind: string
  /** Omitted for a new record: its id is made here, on the device. */
  recordId?: string
  op: string
  payload: Record<string, unknown>
}

/**
 * Applies the change locally (the kind's own rules, for an instant answer)
 * and queues it for the server. Throws the kind's MutationRejection when the
 * change is not allowed, and StorageFullError when the disk is full; in both
 * cases nothing is written.
 */
export async function saveChange(
  db: AppDb,
  kinds: KindMap,
  actor: Actor,
  input: ChangeInput,
): Promise<OutboxEntry> {
  const kind = kinds.get(input.kind)
  if (!kind) throw new MutationRejection('unknown_kind', '不支持的记录类型')
  const { deviceId } = await syncState(db)
  const recordId = input.recordId ?? uuidv7()
  const key = recordKey(input.kind, recordId)
  try {
    return await db.transaction('rw', db.records, db.outbox, async () => {
      const current = await db.records.get(key)
      const mutation = { op: input.op, payload: input.payload, baseVersion: current?.version ?? 0 }
      const next = kind.apply(current?.data ?? null, mutation, actor)
      const entry: OutboxEntry = {
        id: uuidv7(),
        kind: input.kind,
        recordId,
        recordKey: key,
        op: input.op,
        payload: input.payload,
        baseVersion: mutation.baseVersion,
        deviceId,
        userId: actor.userId,
        createdAt: actor.at,
        status: 'pending',
      }
      entry.seq = await db.outbox.add(entry)
      await db.records.put({
        key,
        kind: input.kind,
        id: recordId,
        version: current?.version ?? 0,
        orgPath: kind.audience(next)[0] ?? current?.orgPath ?? actor.orgPath,
        data: next,
        serverData: current ? serverCopy(current) : null,
        updatedAt: actor.at,
        hasPending: 1,
      })
      return entry
    })
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error)
    throw error
  }
}

/** The server's state of a record, as pulled or answered to a push. */
export interface ServerState {
  data: Record<string, unknown> | null
  version: number
  orgPath: string
  updatedAt: string
}

/**
 * Recomputes a record's local state: the server's state (given, or the one
 * stored) with every outbox entry of the record applied on top, in order.
 * Must run inside a transaction over records and outbox. A record that exists
 * neither on the server nor in the outbox is removed.
 */
export async function rebase(
  db: AppDb,
  kinds: KindMap,
  actorFor: (entry: OutboxEntry) => Actor,
  key: string,
  server?: ServerState,
): Promise<void> {
  const current = await db.records.get(key)
  const serverData = server ? server.data : current ? serverCopy(current) : null
  const entries = await db.outbox.where('recordKey').equals(key).sortBy('seq')
  const kindName = key.slice(0, key.indexOf(':'))
  const kind = kinds.get(kindName)
  let data = serverData
  for (const entry of entries) {
    if (!kind) break
    try {
      data = kind.apply(data, entry, actorFor(entry))
    } catch (error) {
      // The server's newer state no longer admits this change; it stays in
      // the outbox and the server will give the author its reason.
      if (!(error instanceof MutationRejection)) throw error
    }
  }
  if (!data) {
    await db.records.delete(key)
    return
  }
  const record: LocalRecord = {
    key,
    kind: kindName,
    id: key.slice(kindName.length + 1),
    version: server ? server.version : (current?.version ?? 0),
    orgPath: kind?.audience(data)[0] ?? server?.orgPath ?? current?.orgPath ?? '',
    data,
    updatedAt: entries.at(-1)?.createdAt ?? server?.updatedAt ?? current?.updatedAt ?? '',
    hasPending: entries.length > 0 ? 1 : 0,
  }
  // The server's copy is kept only under pending changes (stored once otherwise).
  if (entries.length > 0) record.serverData = serverData
  await db.records.put(record)
}
