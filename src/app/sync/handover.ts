/**
 * The device's half of the hand-over file (issue #21.3, docs/field.md
 * "Hand-over file"): what goes into it — every change of the signed-in user
 * the server has not acknowledged, the records they apply to and the photos
 * not yet uploaded — and how another phone takes it in. The receiving phone
 * puts the changes in its own outbox under their original ids, so whichever
 * phone delivers a change first, the server applies it once and answers the
 * other with "duplicate"; nothing here needs the two phones to agree.
 */
import type { Actor } from '#shared/sync/record-kind.ts'
import {
  HandoverFileError,
  fromBase64,
  toBase64,
  type HandoverBlob,
  type HandoverPayload,
  type HandoverRecord,
} from '#shared/sync/handover-file.ts'
import type { AppDb, BlobRow, OutboxEntry } from '#app/db/app-db.ts'
import { sha256Hex } from './blobs.ts'
import { toMutation } from './push.ts'
import { rebase, recordKey, serverCopy, syncState, type KindMap } from './local-store.ts'

/** Who makes or receives a file: the signed-in user. */
export interface HandoverUser {
  userId: string
  name: string
  orgUnitId: string
}

/**
 * Everything `user` saved on this device that the server has not
 * acknowledged: pending changes (refused ones are acknowledged: the server
 * gave its reason), their records' server state, and every photo not yet
 * uploaded or listed by those records. Throws `nothing_to_hand_over`.
 */
export async function collectHandover(
  db: AppDb,
  kinds: KindMap,
  user: HandoverUser,
): Promise<HandoverPayload> {
  const { deviceId } = await syncState(db)
  const pending = (await db.outbox.where('status').equals('pending').sortBy('seq')).filter(
    (entry) => entry.userId === user.userId,
  )
  if (pending.length === 0) throw new HandoverFileError('nothing_to_hand_over')
  const keys = [...new Set(pending.map((entry) => entry.recordKey))]
  const stored = (await db.records.bulkGet(keys)).filter((record) => record !== undefined)
  const records: HandoverRecord[] = stored.map((record) => ({
    key: record.key,
    kind: record.kind,
    id: record.id,
    version: record.version,
    orgPath: record.orgPath,
    serverData: serverCopy(record),
    updatedAt: record.updatedAt,
  }))
  const listed = stored.flatMap(
    (record) => kinds.get(record.kind)?.attachments?.(record.data) ?? [],
  )
  const waiting = (await db.blobs.where('uploaded').equals(0).toArray()).filter(
    (row) => !row.failure,
  )
  const rows = new Map<string, BlobRow>(waiting.map((row) => [row.sha256, row]))
  for (const row of await db.blobs.bulkGet(listed)) if (row) rows.set(row.sha256, row)
  const blobs: HandoverBlob[] = []
  for (const row of rows.values()) {
    blobs.push({
      sha256: row.sha256,
      type: row.type,
      data: toBase64(new Uint8Array(await row.blob.arrayBuffer())),
    })
  }
  return {
    author: user,
    deviceId,
    createdAt: new Date().toISOString(),
    // The outbox's own mapping (its seq is dropped when the file is read).
    entries: pending.map(toMutation),
    records,
    blobs,
  }
}

/** What an import added; changes this device already held or had sent are `known`. */
export interface HandoverReceipt {
  changes: number
  photos: number
  known: number
}

/**
 * Takes a decrypted file into this device for `user` to send: refused
 * (`other_unit`, nothing written) unless it was made by the same user or a
 * colleague of the same unit — the server checks that again for every
 * change. New changes join the outbox in the file's order under their
 * original ids, marked with their author when that is someone else (the
 * server keeps it beside the sender); records are rebased on the newer of
 * this device's and the file's server state; photos are checked against
 * their hash. One transaction: an import cut off half-way leaves nothing.
 */
export async function receiveHandover(
  db: AppDb,
  kinds: KindMap,
  actorFor: (entry: OutboxEntry) => Actor,
  user: HandoverUser,
  payload: HandoverPayload,
): Promise<HandoverReceipt> {
  const { author } = payload
  if (author.userId !== user.userId && author.orgUnitId !== user.orgUnitId) {
    throw new HandoverFileError('other_unit')
  }
  // Hashing is async WebCrypto work: done before the transaction, which it would end.
  const blobs: BlobRow[] = []
  for (const item of payload.blobs) {
    const blob = new Blob([new Uint8Array(fromBase64(item.data))], { type: item.type })
    if ((await sha256Hex(blob)) !== item.sha256) throw new HandoverFileError('invalid')
    const at = new Date().toISOString()
    blobs.push({
      sha256: item.sha256,
      blob,
      type: item.type,
      size: blob.size,
      uploaded: 0,
      createdAt: at,
    })
  }
  const fileRecords = new Map(payload.records.map((record) => [record.key, record]))
  return db.transaction('rw', [db.records, db.outbox, db.sent, db.blobs], async () => {
    const ids = payload.entries.map((entry) => entry.id)
    const known = new Set([
      ...(await db.outbox.where('id').anyOf(ids).toArray()).map((entry) => entry.id),
      ...(await db.sent.where('id').anyOf(ids).toArray()).map((entry) => entry.id),
    ])
    const touched = new Set<string>()
    let changes = 0
    for (const entry of payload.entries) {
      if (known.has(entry.id)) continue
      const from = entry.handedOverFrom ?? author.userId
      const key = recordKey(entry.kind, entry.recordId)
      await db.outbox.add({
        id: entry.id,
        kind: entry.kind,
        recordId: entry.recordId,
        recordKey: key,
        op: entry.op,
        payload: entry.payload,
        baseVersion: entry.baseVersion,
        deviceId: entry.deviceId,
        userId: user.userId,
        createdAt: entry.createdAt,
        status: 'pending',
        // A file that comes back to its own author is theirs again.
        ...(from !== user.userId ? { handedOverFrom: from } : {}),
      })
      touched.add(key)
      changes += 1
    }
    for (const key of touched) {
      const local = await db.records.get(key)
      const fromFile = fileRecords.get(key)
      // The newer server state wins; the other one's changes are rebased on it.
      const isFileNewer = fromFile && (!local || fromFile.version > local.version)
      await rebase(
        db,
        kinds,
        actorFor,
        key,
        isFileNewer
          ? {
              data: fromFile.serverData,
              version: fromFile.version,
              orgPath: fromFile.orgPath,
              updatedAt: fromFile.updatedAt,
            }
          : local
            ? undefined
            : { data: null, version: 0, orgPath: '', updatedAt: '' },
      )
    }
    let photos = 0
    for (const row of blobs) {
      if (await db.blobs.get(row.sha256)) continue
      await db.blobs.add(row)
      photos += 1
    }
    return { changes, photos, known: known.size }
  })
}
