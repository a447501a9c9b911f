/**
 * Pushing the outbox: the author's pending changes, oldest first, in batches
 * bounded in count and bytes. Every answer is handled one by one: applied or
 * duplicate-of-applied leaves the outbox; rejected stays, marked with the
 * server's reason, for a person to retry, edit or discard (guarantee 4).
 * A lost answer is harmless: the same ids are pushed again and the server
 * answers "duplicate" with the first outcome (guarantee 2).
 */
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  type Mutation,
  type MutationResult,
} from '#shared/sync/sync.protocol.ts'
import type { Actor } from '#shared/sync/record-kind.ts'
import type { AppDb, OutboxEntry } from '#app/db/app-db.ts'
import { rebase, syncState, type KindMap } from './local-store.ts'
import type { SyncTransport } from './transport.ts'

export function toMutation(entry: OutboxEntry): Mutation {
  return {
    id: entry.id,
    kind: entry.kind,
    recordId: entry.recordId,
    op: entry.op,
    payload: entry.payload,
    baseVersion: entry.baseVersion,
    seq: entry.seq ?? 0,
    deviceId: entry.deviceId,
    createdAt: entry.createdAt,
    ...(entry.handedOverFrom ? { handedOverFrom: entry.handedOverFrom } : {}),
  }
}

/** Splits entries into batches of at most `maxCount` mutations and about `maxBytes` of JSON. */
export function batchMutations(
  mutations: readonly Mutation[],
  maxCount = MAX_PUSH_MUTATIONS,
  maxBytes = MAX_PUSH_BYTES,
): Mutation[][] {
  const batches: Mutation[][] = []
  let batch: Mutation[] = []
  let bytes = 0
  for (const mutation of mutations) {
    const size = new TextEncoder().encode(JSON.stringify(mutation)).length
    if (batch.length > 0 && (batch.length >= maxCount || bytes + size > maxBytes)) {
      batches.push(batch)
      batch = []
      bytes = 0
    }
    batch.push(mutation)
    bytes += size
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}

export interface PushOutcome {
  applied: number
  rejected: number
  epoch: string | null
  /** The server's epoch is not the one this device synced with: it was restored or replaced. */
  isNewEpoch: boolean
}

/** How long accepted changes stay in the `sent` journal, to be re-offered after a restore. */
export const SENT_RETENTION_DAYS = 30

/** Pushes every pending change of `userId`; throws on network or server failure (retry later). */
export async function pushOutbox(
  db: AppDb,
  transport: SyncTransport,
  kinds: KindMap,
  actorFor: (entry: OutboxEntry) => Actor,
  userId: string,
): Promise<PushOutcome> {
  const outcome: PushOutcome = { applied: 0, rejected: 0, epoch: null, isNewEpoch: false }
  const cutoff = new Date(Date.now() - SENT_RETENTION_DAYS * 86_400_000).toISOString()
  await db.sent.where('appliedAt').below(cutoff).delete()
  const { epoch } = await syncState(db)
  const pending = (await db.outbox.where('status').equals('pending').sortBy('seq')).filter(
    (entry) => entry.userId === userId,
  )
  for (const batch of batchMutations(pending.map(toMutation))) {
    const response = await transport.push({ mutations: batch, ...(epoch ? { epoch } : {}) })
    outcome.epoch = response.epoch
    if (epoch && response.epoch !== epoch) {
      // Nothing was applied: the caller re-offers the journal first (reofferSent).
      outcome.isNewEpoch = true
      return outcome
    }
    await db.transaction('rw', db.records, db.outbox, db.sent, async () => {
      for (const result of response.results) {
        const isApplied =
          result.status === 'applied' ||
          (result.status === 'duplicate' && result.original === 'applied')
        if (isApplied) outcome.applied += 1
        else outcome.rejected += 1
        await settle(db, kinds, actorFor, result, isApplied)
      }
    })
  }
  return outcome
}

async function settle(
  db: AppDb,
  kinds: KindMap,
  actorFor: (entry: OutboxEntry) => Actor,
  result: MutationResult,
  isApplied: boolean,
): Promise<void> {
  const entry = await db.outbox.where('id').equals(result.id).first()
  if (!entry?.seq) return
  if (isApplied) {
    await db.outbox.delete(entry.seq)
    await db.sent.put({ ...entry, seq: entry.seq, appliedAt: new Date().toISOString() })
  } else {
    await db.outbox.update(entry.seq, {
      status: 'rejected',
      rejection: {
        code: 'code' in result && result.code ? result.code : 'rejected',
        message: 'message' in result && result.message ? result.message : '服务器未接受此修改',
        at: new Date().toISOString(),
      },
    })
  }
  const record = result.record
  const local = await db.records.get(entry.recordKey)
  // The answer's record is the server's state right after this change; a
  // pull may already have brought a newer one (keep the higher version).
  // No record: it does not exist on the server, or is out of this user's sight.
  const server = !record
    ? { data: null, version: 0, orgPath: local?.orgPath ?? '', updatedAt: local?.updatedAt ?? '' }
    : record.version >= (local?.version ?? 0)
      ? {
          data: record.data,
          version: record.version,
          orgPath: record.orgPath,
          updatedAt: record.updatedAt,
        }
      : undefined
  await rebase(db, kinds, actorFor, entry.recordKey, server)
}

/**
 * The server's database was restored (or replaced): it may have lost changes
 * it had accepted from this device. Puts every journalled change back in the
 * outbox under its original `seq` (so they go first, in their first order),
 * marks photos for upload again, adopts the new epoch and starts a fresh
 * copy. The server answers `duplicate` for what it still has and applies the
 * rest with the usual checks; nothing needs trusting the device more.
 */
export async function reofferSent(db: AppDb, epoch: string): Promise<number> {
  return db.transaction('rw', [db.outbox, db.sent, db.blobs, db.syncMeta], async () => {
    const journal = await db.sent.toArray()
    const waiting = new Set(await db.outbox.toCollection().keys())
    const again = journal
      .filter((entry) => !waiting.has(entry.seq))
      .map((entry) => {
        const pending: OutboxEntry & { appliedAt?: string } = { ...entry, status: 'pending' }
        delete pending.appliedAt
        return pending
      })
    await db.outbox.bulkAdd(again)
    await db.sent.clear()
    await db.blobs.filter((row) => !row.failure).modify({ uploaded: 0 })
    await db.syncMeta.update('state', { epoch, cursor: null })
    return again.length
  })
}
