/**
 * The device's database (IndexedDB through Dexie). The schema is versioned:
 * never edit a published version; add `this.version(n + 1)` with an upgrade.
 * docs/sync.md explains how records, outbox and blobs work together.
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie'
import type { Me } from '#shared/auth/auth.schema.ts'
import type { SupervisionView } from '#shared/supervision/figures.ts'
import type { Standards } from '#shared/supervision/scoring.ts'
import type { SyncFailure } from '#app/sync/sync-health.ts'
import { hasListRows, listRowsMiddleware, type ListRow } from './list-rows.ts'
import { APP_DB_NAME, SCHEMA_VERSIONS } from './schema.ts'

/** The signed-in user, cached so the app opens offline. One row, id 'current'. */
export interface SessionRow {
  id: 'current'
  me: Me
  savedAt: string
}

/** Device settings such as elder mode. */
export interface SettingRow {
  key: string
  value: unknown
}

/**
 * A record as this device knows it, stored once: `data` is what the screens
 * show — the server's last word (`version`) with the device's own unsynced
 * changes applied on top. Only while such changes exist (`hasPending` 1) is
 * the server's own state kept beside it, in `serverData`: a pull or a push
 * answer rebases the outbox on it (local-store.ts). Without pending changes
 * the two are the same, so `data` alone is the server's state.
 */
export interface LocalRecord {
  /** `${kind}:${id}` */
  key: string
  kind: string
  id: string
  /** Server version of `serverData`; 0 while the server has never seen it. */
  version: number
  orgPath: string
  data: Record<string, unknown>
  /**
   * The server's state under the pending changes (null: the server has none
   * yet). Present only while `hasPending` is 1; read it through
   * `serverCopy` (local-store.ts), which answers for both cases.
   */
  serverData?: Record<string, unknown> | null
  updatedAt: string
  /** 1 while outbox entries for it are waiting or refused (indexable). */
  hasPending: 0 | 1
}

export interface Rejection {
  code: string
  message: string
  at: string
}

/** A change saved on this device and not yet accepted by the server. */
export interface OutboxEntry {
  /** Device-wide order; push goes strictly in this order. */
  seq?: number
  /** UUIDv7: the idempotency key of the change. */
  id: string
  kind: string
  recordId: string
  recordKey: string
  op: string
  payload: Record<string, unknown>
  baseVersion: number
  deviceId: string
  /** The author: only their session pushes it. */
  userId: string
  /**
   * Set when this change came in a hand-over file from a colleague
   * (handover.ts): the user who first saved it, kept by the server beside
   * `userId`, who sends it and answers for it.
   */
  handedOverFrom?: string
  createdAt: string
  status: 'pending' | 'rejected'
  rejection?: Rejection
}

/**
 * A change the server accepted, kept for SENT_RETENTION_DAYS: if the server's
 * database is restored from a backup older than it, the device offers it
 * again (docs/sync.md, "After a restore").
 */
export interface SentEntry extends OutboxEntry {
  seq: number
  appliedAt: string
}

/** A photo, by content hash. Kept until the server has it; never evicted by the app before. */
export interface BlobRow {
  sha256: string
  blob: Blob
  type: string
  size: number
  uploaded: 0 | 1
  /** Set when the server refused the file for good (wrong type…). */
  failure?: string
  createdAt: string
}

export interface SyncMetaRow {
  key: 'state'
  deviceId: string
  cursor: string | null
  epoch: string | null
  lastSuccessAt: string | null
  lastError: string | null
  /** The server refused our schema version: the app must update before syncing. */
  isOutdated: boolean
  /**
   * Why the last sync failed, cleared by a success (sync health, issue
   * #21.2); absent on devices that have not failed since it was added.
   */
  lastFailure?: SyncFailure | null
}

/**
 * The last supervision view a user read (features/supervision/supervision-cache.ts),
 * kept for reading offline with its date. The figures are aggregates: no
 * resident's data.
 */
export interface SupervisionCacheRow {
  userId: string
  savedAt: string
  query: string
  view: SupervisionView
  standards: Standards
}

export class AppDb extends Dexie {
  session!: EntityTable<SessionRow, 'id'>
  settings!: EntityTable<SettingRow, 'key'>
  records!: EntityTable<LocalRecord, 'key'>
  outbox!: EntityTable<OutboxEntry, 'seq'>
  blobs!: EntityTable<BlobRow, 'sha256'>
  syncMeta!: EntityTable<SyncMetaRow, 'key'>
  sent!: EntityTable<SentEntry, 'seq'>
  /** Lean list rows, kept by listRowsMiddleware: never write them directly. */
  rows!: EntityTable<ListRow, 'key'>
  supervisionCache!: EntityTable<SupervisionCacheRow, 'userId'>

  constructor(name = APP_DB_NAME) {
    super(name)
    this.use(listRowsMiddleware)
    SCHEMA_VERSIONS.forEach((stores, index) => this.version(index + 1).stores(stores))
    this.version(4).upgrade(storeOnce)
    this.version(5).upgrade(fillNewListRows)
    this.version(6).upgrade((tx) => rewriteRecords(tx, ['livelihood_item']))
  }
}

/**
 * Rewrites the records of `kinds`, so listRowsMiddleware writes their rows
 * anew in the same transaction: for a projection that gained fields.
 */
async function rewriteRecords(tx: Transaction, kinds: readonly string[]): Promise<void> {
  const records = tx.table<LocalRecord, string>('records')
  await records.bulkPut(await records.where('kind').anyOf(kinds).toArray())
}

/** The kinds that had lean rows before version 5 (their rows are already there). */
const ROWS_BEFORE_V5 = new Set(['issue'])

/**
 * Version 5: the kinds given a list projection since version 4 get their
 * rows, by rewriting their records (listRowsMiddleware writes the rows in
 * the same transaction). Records are few for these kinds (days, policies,
 * campaigns, cases), so one pass is cheap.
 */
async function fillNewListRows(tx: Transaction): Promise<void> {
  const records = tx.table<LocalRecord, string>('records')
  const kinds = (await records.orderBy('kind').uniqueKeys())
    .map(String)
    .filter((kind) => hasListRows(kind) && !ROWS_BEFORE_V5.has(kind))
  if (kinds.length === 0) return
  await records.bulkPut(await records.where('kind').anyOf(kinds).toArray())
}

/**
 * Version 4: a record keeps its server copy only while it has outbox entries
 * (the outbox, not the record's flag, decides), and rewriting every record
 * fills the new `rows` table through listRowsMiddleware. Runs in the
 * upgrade's one transaction: a device cut off half-way opens the old version
 * again, with nothing lost.
 */
async function storeOnce(tx: Transaction): Promise<void> {
  const keys = await tx.table<OutboxEntry, number>('outbox').orderBy('recordKey').uniqueKeys()
  const pending = new Set(keys.map(String))
  await tx
    .table<LocalRecord, string>('records')
    .toCollection()
    .modify((record) => {
      if (pending.has(record.key)) {
        record.hasPending = 1
        record.serverData ??= null
      } else {
        record.hasPending = 0
        delete record.serverData
      }
    })
}

export const appDb = new AppDb()
