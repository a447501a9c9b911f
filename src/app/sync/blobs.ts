/**
 * Photos travel apart from records (guarantee 7): stored here by sha-256,
 * uploaded by their own loop after the text has been pushed, fetched from the
 * server only when a screen shows them, then cached.
 */
import type { AppDb } from '#app/db/app-db.ts'
import { ApiError } from '#app/api/http.ts'
import { isQuotaError, StorageFullError } from './errors.ts'
import type { SyncTransport } from './transport.ts'

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Keeps a (compressed) photo on the device; returns its hash, the name records use. */
export async function storeBlob(db: AppDb, blob: Blob): Promise<string> {
  const sha256 = await sha256Hex(blob)
  try {
    await db.transaction('rw', db.blobs, async () => {
      if (await db.blobs.get(sha256)) return
      await db.blobs.add({
        sha256,
        blob,
        type: blob.type,
        size: blob.size,
        uploaded: 0,
        createdAt: new Date().toISOString(),
      })
    })
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error)
    throw error
  }
  return sha256
}

/** Uploads every photo the server does not have yet; returns how many went up. */
export async function uploadBlobs(db: AppDb, transport: SyncTransport): Promise<number> {
  const waiting = (await db.blobs.where('uploaded').equals(0).toArray()).filter(
    (row) => !row.failure,
  )
  let uploaded = 0
  for (const row of waiting) {
    try {
      await transport.putBlob(row.sha256, row.blob)
      await db.blobs.update(row.sha256, { uploaded: 1 })
      uploaded += 1
    } catch (error) {
      // The day's upload quota is used up: the rest waits for a later sync, not marked refused.
      if (error instanceof ApiError && error.status === 429) break
      // Refused for good (not an image, too large): stop retrying, keep the file, say why.
      if (error instanceof ApiError && error.status !== 401 && error.status < 500) {
        await db.blobs.update(row.sha256, { failure: error.message })
      } else throw error
    }
  }
  return uploaded
}

/** The photo, from the device or else from the server (then cached). */
export async function loadBlob(db: AppDb, transport: SyncTransport, sha256: string): Promise<Blob> {
  const local = await db.blobs.get(sha256)
  if (local) return local.blob
  const blob = await transport.getBlob(sha256)
  await db.blobs
    .put({
      sha256,
      blob,
      type: blob.type,
      size: blob.size,
      uploaded: 1,
      createdAt: new Date().toISOString(),
    })
    .catch(() => undefined) // a full disk only loses the cache
  return blob
}
