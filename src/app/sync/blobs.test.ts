import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { ApiError } from '#app/api/http.ts'
import { AppDb } from '#app/db/app-db.ts'
import { storeBlob, uploadBlobs } from './blobs.ts'
import type { SyncTransport } from './transport.ts'

let db: AppDb
beforeEach(() => {
  db = new AppDb(`blobs-${Math.random()}`)
})
afterEach(async () => {
  db.close()
  await db.delete()
})

/** A server that takes `room` photos, then answers as the real one does over its quota or for a bad file. */
function serverTaking(room: number, refuse?: ApiError): SyncTransport & { stored: string[] } {
  const stored: string[] = []
  const fail = (): never => {
    throw new Error('not used')
  }
  return {
    stored,
    push: fail,
    pull: fail,
    getBlob: fail,
    putBlob(sha256) {
      if (refuse) return Promise.reject(refuse)
      if (stored.length >= room) {
        return Promise.reject(
          new ApiError(429, 'upload_quota_exceeded', ERROR_MESSAGES.upload_quota_exceeded),
        )
      }
      stored.push(sha256)
      return Promise.resolve()
    },
  }
}

const photo = (n: number) => new Blob([`photo ${n}`], { type: 'image/jpeg' })

describe('uploadBlobs', () => {
  it('keeps photos over the day’s quota waiting, unmarked, for a later sync', async () => {
    for (const n of [1, 2, 3]) await storeBlob(db, photo(n))
    expect(await uploadBlobs(db, serverTaking(1))).toBe(1)
    const waiting = await db.blobs.where('uploaded').equals(0).toArray()
    expect(waiting).toHaveLength(2)
    expect(waiting.every((row) => row.failure === undefined)).toBe(true)
    // The next day the rest go up.
    expect(await uploadBlobs(db, serverTaking(10))).toBe(2)
  })

  it('marks a photo the server refuses for good, and stops retrying it', async () => {
    await storeBlob(db, photo(1))
    const refusal = new ApiError(415, 'bad_request', '只能上传 JPEG、PNG 或 WebP 图片')
    expect(await uploadBlobs(db, serverTaking(10, refusal))).toBe(0)
    const [row] = await db.blobs.toArray()
    expect(row?.failure).toBe('只能上传 JPEG、PNG 或 WebP 图片')
    expect(await uploadBlobs(db, serverTaking(10))).toBe(0)
  })
})
