import type { Generated } from 'kysely'

export interface SyncMetaTable {
  key: string
  value: string
}

/** The current state of every synced record; `data` is the kind's JSON. */
export interface SyncRecordTable {
  /** `${kind}:${id}` */
  key: string
  kind: string
  id: string
  version: number
  /** The record's home: the first audience path. */
  org_path: string
  data: string
  created_at: string
  updated_at: string
}

/** Which org subtrees may see a record now. */
export interface RecordAudienceTable {
  record_key: string
  path: string
}

/** One row per committed change of a record, in (txid, seq) order. */
export interface ChangeLogTable {
  seq: Generated<number>
  txid: Generated<number>
  record_key: string
  created_at: string
}

/** Who could see a change: the record's audience before and after it. */
export interface ChangeAudienceTable {
  seq: number
  path: string
}

/** Every mutation ever received, by id: the memory that makes pushes idempotent. */
export interface SyncMutationTable {
  id: string
  user_id: string
  device_id: string
  record_key: string
  status: 'applied' | 'rejected'
  code: string | null
  message: string | null
  created_at: string
  /**
   * The author, when a colleague of the same unit sent the change from a
   * hand-over file (`user_id` is the sender); null otherwise.
   */
  handed_over_from: string | null
}

export interface BlobTable {
  sha256: string
  content_type: string
  size: number
  data: Buffer
  created_by: string
  created_at: string
}

export interface RecordBlobTable {
  record_key: string
  sha256: string
  /** Who listed the photo on the record (null for links older than the rule). */
  linked_by: string | null
  /** 1 when the bytes were not on the server at link time (see blob.repository.ts). */
  pending: number
}

export interface BlobUploadTable {
  sha256: string
  user_id: string
  created_at: string
}

/** Bytes of new blobs a user stored on one China day (the upload quota). */
export interface BlobUploadQuotaTable {
  user_id: string
  day: string
  bytes: number | string
}
