/**
 * The device's database (IndexedDB through Dexie). The schema is versioned:
 * never edit a published version; add `this.version(n + 1)` with an upgrade.
 * docs/sync.md explains how records, outbox and blobs work together.
 */
import Dexie, { type EntityTable } from 'dexie'
import type { Me } from '#shared/auth/auth.schema.ts'
import { APP_DB_NAME } from './start-read.ts'

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
 * A record as this device knows it: the server's last word (`serverData`,
 * `version`) plus, in `data`, that state with the device's own unsynced
 * changes applied on top (what the screens show).
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
  serverData: Record<string, unknown> | null
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
}

export class AppDb extends Dexie {
  session!: EntityTable<SessionRow, 'id'>
  settings!: EntityTable<SettingRow, 'key'>
  records!: EntityTable<LocalRecord, 'key'>
  outbox!: EntityTable<OutboxEntry, 'seq'>
  blobs!: EntityTable<BlobRow, 'sha256'>
  syncMeta!: EntityTable<SyncMetaRow, 'key'>
  sent!: EntityTable<SentEntry, 'seq'>

  constructor(name = APP_DB_NAME) {
    super(name)
    this.version(1).stores({
      session: 'id',
      settings: 'key',
    })
    this.version(2).stores({
      records: 'key, kind, [kind+updatedAt], hasPending',
      outbox: '++seq, &id, recordKey, status',
      blobs: 'sha256, uploaded',
      syncMeta: 'key',
    })
    // The journal of accepted changes; existing devices start it empty.
    this.version(3).stores({ sent: 'seq, &id, appliedAt' })
  }
}

export const appDb = new AppDb()
