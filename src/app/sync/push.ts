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
import { rebase, type KindMap } from './local-store.ts'
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
}

/** Pushes every pending change of `userId`; throws on network or server failure (retry later). */
export async function pushOutbox(
  db: AppDb,
  transport: SyncTransport,
  kinds: KindMap,
  actorFor: (entry: OutboxEntry) => Actor,
  userId: string,
): Promise<PushOutcome> {
  const outcome: PushOutcome = { applied: 0, rejected: 0, epoch: null }
  const pending = (await db.outbox.where('status').equals('pending').sortBy('seq')).filter(
    (entry) => entry.userId === userId,
  )
  for (const batch of batchMutations(pending.map(toMutation))) {
    const response = await transport.push({ mutations: batch })
    outcome.epoch = response.epoch
    await db.transaction('rw', db.records, db.outbox, async () => {
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
  if (isApplied) await db.outbox.delete(entry.seq)
  else {
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
