/**
 * Pulling: pages of changes in the user's scope, each page applied together
 * with its cursor in ONE transaction, so a pull cut anywhere resumes from the
 * last applied page (guarantee 2). A record's local state is rebased on the
 * server's state, so unsynced changes survive every pull.
 */
import { DEFAULT_PULL_LIMIT, type PullResponse } from '#shared/sync/sync.protocol.ts'
import type { Actor } from '#shared/sync/record-kind.ts'
import type { AppDb, LocalRecord, OutboxEntry } from '#app/db/app-db.ts'
import { rebase, recordKey, syncState, type KindMap } from './local-store.ts'
import type { SyncTransport } from './transport.ts'

export interface PullProgress {
  done: number
  total: number
}

/** Pulls until the server has nothing more; returns the number of changes applied. */
export async function pullAll(
  db: AppDb,
  transport: SyncTransport,
  kinds: KindMap,
  actorFor: (entry: OutboxEntry) => Actor,
  {
    limit = DEFAULT_PULL_LIMIT,
    onProgress,
  }: { limit?: number; onProgress?: (progress: PullProgress) => void } = {},
): Promise<number> {
  let applied = 0
  for (;;) {
    const state = await syncState(db)
    const page = await transport.pull(state.cursor, limit)
    await applyPage(db, kinds, actorFor, page, state.cursor === null)
    applied += page.changes.length
    if (page.progress) onProgress?.(page.progress)
    if (!page.hasMore) return applied
  }
}

/**
 * Applies one page. `isFresh` (no cursor) or `page.reset` means a full copy
 * is starting: synced records are dropped first, keeping any record with
 * unsynced changes, which rebase onto whatever the copy brings.
 */
export async function applyPage(
  db: AppDb,
  kinds: KindMap,
  actorFor: (entry: OutboxEntry) => Actor,
  page: PullResponse,
  isFresh: boolean,
): Promise<void> {
  await db.transaction('rw', db.records, db.outbox, db.syncMeta, async () => {
    if (page.reset || isFresh) await db.records.where('hasPending').equals(0).delete()
    // Read what the page touches in two bulk requests, not several per record:
    // IndexedDB cost is per request, and a first sync brings thousands.
    const keys = page.changes.map((change) =>
      change.op === 'put'
        ? recordKey(change.record.kind, change.record.id)
        : recordKey(change.kind, change.id),
    )
    const [locals, pending] = await Promise.all([
      db.records.bulkGet(keys),
      db.outbox.where('recordKey').anyOf(keys).primaryKeys(),
    ])
    const hasOutbox = new Set(
      pending.length > 0 ? (await db.outbox.bulkGet(pending)).map((entry) => entry?.recordKey) : [],
    )
    const plain: LocalRecord[] = []
    for (const [index, change] of page.changes.entries()) {
      const key = keys[index] ?? ''
      const local = locals[index]
      if (change.op === 'put') {
        const { record } = change
        // Versions only move forward: an older copy never overwrites a newer one.
        if (local && local.version > record.version) continue
        const server = {
          data: record.data,
          version: record.version,
          orgPath: record.orgPath,
          updatedAt: record.updatedAt,
        }
        if (hasOutbox.has(key)) await rebase(db, kinds, actorFor, key, server)
        else
          plain.push({
            key,
            kind: record.kind,
            id: record.id,
            ...server,
            hasPending: 0,
          })
      } else if (hasOutbox.has(key)) {
        // Out of scope now: the server's copy goes; unsynced changes stay
        // (the server will refuse them with a reason the author sees).
        await rebase(db, kinds, actorFor, key, {
          data: null,
          version: 0,
          orgPath: '',
          updatedAt: '',
        })
      } else if (local) await db.records.delete(key)
    }
    await db.records.bulkPut(plain)
    await db.syncMeta.update('state', { cursor: page.cursor, epoch: page.epoch })
  })
}
