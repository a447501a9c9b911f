import { createHash } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { MAX_BLOB_BYTES } from '#server/blob/blob.routes.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { createMemo, MEMO_KINDS, memoMutation } from '../support/memo-kind.ts'
import { loginAll, pushApplied } from '../support/sync-client.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A real 1×1 RGB PNG of one colour: each test uploads its own bytes. */
function pngOf(red: number, green: number, blue: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(1, 0) // width
  header.writeUInt32BE(1, 4) // height
  header.set([8, 2, 0, 0, 0], 8) // 8-bit truecolour, no interlace
  // One scanline: filter byte 0, then the pixel.
  const pixels = deflateSync(Buffer.from([0, red, green, blue]))
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

let colour = 0
/** A PNG nobody uploaded yet. */
function freshPng(): Buffer {
  colour++
  return pngOf(colour & 0xff, (colour >> 8) & 0xff, 0x80)
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

const PEOPLE: Person[] = [
  'gridWorker',
  'siblingGridWorker',
  'villageCadre',
  'siblingVillageCadre',
  'otherVillageGridWorker',
  'department',
]

describe.each(DIALECTS)('blobs on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string
  beforeAll(async () => {
    server = await createTestServer(dialect, { kinds: MEMO_KINDS })
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  function upload(
    who: Person | null,
    data: Buffer,
    { hash = sha256(data), type = 'image/png' } = {},
  ) {
    return server.app.inject({
      method: 'PUT',
      url: `/api/blobs/${hash}`,
      headers: { 'content-type': type, ...(who ? { cookie: as(who) } : {}) },
      payload: data,
    })
  }
  function download(who: Person | null, hash: string) {
    return server.app.inject({
      method: 'GET',
      url: `/api/blobs/${hash}`,
      headers: who ? { cookie: as(who) } : {},
    })
  }
  /** Runs `action` and checks that no blob was stored. */
  async function expectNothingStored(action: () => Promise<unknown>): Promise<void> {
    const before = await countRows(server.database, 'blob')
    await action()
    expect(await countRows(server.database, 'blob')).toBe(before)
  }
  const memoWithPhotos = async (who: Person, path: string, photos: string[]) =>
    (await pushApplied(server.app, as(who), createMemo(path, { photos }))).id

  it('stores a PNG under its sha-256 with 201, and answers 200 to the same upload again', async () => {
    const png = freshPng()
    const before = await countRows(server.database, 'blob')
    const first = await upload('gridWorker', png)
    expect(first.statusCode).toBe(201)
    expect(first.json()).toEqual({ sha256: sha256(png), size: png.length })
    const again = await upload('gridWorker', png)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual({ sha256: sha256(png), size: png.length })
    expect(await countRows(server.database, 'blob')).toBe(before + 1)
  })

  it('gives the uploader its bytes back, with their type', async () => {
    const png = freshPng()
    await upload('gridWorker', png)
    const response = await download('gridWorker', sha256(png))
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('image/png')
    expect(response.rawPayload.equals(png)).toBe(true)
  })

  it('refuses bytes that do not match their hash with 400 and stores nothing', async () => {
    await expectNothingStored(async () => {
      const response = await upload('gridWorker', freshPng(), { hash: sha256(freshPng()) })
      expect(response.statusCode).toBe(400)
      expect(response.json<{ message: string }>().message).toMatch(HAN)
    })
  })

  it.each([
    ['text labelled as a PNG', () => Buffer.from('这不是图片'), 'image/png'],
    ['a PDF labelled as a PNG', () => Buffer.from('%PDF-1.4\n%âãÏÓ\n'), 'image/png'],
    ['a PNG labelled as a JPEG', freshPng, 'image/jpeg'],
    ['a PNG labelled as a WebP', freshPng, 'image/webp'],
    ['a PNG labelled as octet-stream', freshPng, 'application/octet-stream'],
    ['a PNG labelled as plain text', freshPng, 'text/plain'],
    ['an empty PNG', () => Buffer.alloc(0), 'image/png'],
  ])('refuses %s with 415 and stores nothing', async (_name, bytes, type) => {
    await expectNothingStored(async () => {
      const response = await upload('gridWorker', bytes(), { type })
      expect(response.statusCode).toBe(415)
      expect(response.json<{ message: string }>().message).toMatch(HAN)
    })
  })

  it('refuses an image over 1 MiB with 413 and stores nothing', async () => {
    const big = Buffer.concat([freshPng(), Buffer.alloc(MAX_BLOB_BYTES)])
    await expectNothingStored(async () => {
      const response = await upload('gridWorker', big)
      expect(response.statusCode).toBe(413)
      expect(response.json()).toEqual({
        code: 'payload_too_large',
        message: ERROR_MESSAGES.payload_too_large,
      })
    })
  })

  it('refuses an upload and a download without a session with 401', async () => {
    const png = freshPng()
    await expectNothingStored(async () => {
      expect((await upload(null, png)).statusCode).toBe(401)
    })
    await upload('gridWorker', png)
    const response = await download(null, sha256(png))
    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({
      code: 'unauthenticated',
      message: ERROR_MESSAGES.unauthenticated,
    })
  })

  it('answers a hash nobody uploaded with 404 and a malformed one with 400', async () => {
    expect((await download('gridWorker', sha256(freshPng()))).statusCode).toBe(404)
    expect((await download('gridWorker', 'ABC')).statusCode).toBe(400)
    expect((await upload('gridWorker', freshPng(), { hash: 'not-a-hash' })).statusCode).toBe(400)
  })

  it('shows a photo to others only while a memo in their scope refers to it', async () => {
    const png = freshPng()
    const hash = sha256(png)
    await upload('gridWorker', png)
    // Uploaded but not referenced: only the uploader may read it (missing and forbidden look alike).
    for (const who of ['villageCadre', 'siblingVillageCadre', 'siblingGridWorker'] as const) {
      const response = await download(who, hash)
      expect(response.statusCode, who).toBe(404)
      expect(response.json(), who).toEqual({ code: 'not_found', message: ERROR_MESSAGES.not_found })
    }

    // A memo of the uploader's grid refers to it: its village sees it, the sibling village does not.
    const memo = await memoWithPhotos('gridWorker', PATHS.g1, [hash])
    expect((await download('villageCadre', hash)).statusCode).toBe(200)
    expect((await download('siblingVillageCadre', hash)).statusCode).toBe(404)
    expect((await download('siblingGridWorker', hash)).statusCode).toBe(404)
    expect((await download('department', hash)).statusCode).toBe(404)

    // Assigned to the department, the memo takes its photo along.
    await pushApplied(
      server.app,
      as('villageCadre'),
      memoMutation(memo, 'assign', { path: PATHS.dept1 }),
    )
    expect((await download('department', hash)).statusCode).toBe(200)

    // A memo in the sibling village's own scope refers to the same photo: now it may read it.
    await memoWithPhotos('otherVillageGridWorker', PATHS.v2g1, [hash])
    const sibling = await download('siblingVillageCadre', hash)
    expect(sibling.statusCode).toBe(200)
    expect(sibling.rawPayload.equals(png)).toBe(true)

    // Dropped from the first memo, the photo is no longer the village's to see.
    await pushApplied(server.app, as('gridWorker'), memoMutation(memo, 'update', { photos: [] }))
    expect((await download('villageCadre', hash)).statusCode).toBe(404)
    expect((await download('department', hash)).statusCode).toBe(404)
    expect((await download('gridWorker', hash)).statusCode).toBe(200)
  })

  // The same picture forwarded to two grid workers: the second upload is
  // answered 200 (already there), so its device will not upload it again.
  it('lets a second uploader of identical bytes read them back', async () => {
    const png = freshPng()
    expect((await upload('gridWorker', png)).statusCode).toBe(201)
    expect((await upload('otherVillageGridWorker', png)).statusCode).toBe(200)
    expect((await download('otherVillageGridWorker', sha256(png))).statusCode).toBe(200)
  })
})
