import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { collectBlobGarbage, MAX_BLOB_BYTES } from '#server/blob/blob.routes.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { createMemo, MEMO_KINDS, memoMutation } from '../support/memo-kind.ts'
import { pngOf } from '../support/png.ts'
import { loginAll, pushApplied, pushOne, syncWrites } from '../support/sync-client.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u

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

    // A memo of the sibling village cannot list it: its author neither uploaded nor sees it.
    const listed = await pushOne(
      server.app,
      as('otherVillageGridWorker'),
      createMemo(PATHS.v2g1, { photos: [hash] }),
    )
    expect(listed).toMatchObject({ status: 'rejected', code: 'attachment_not_allowed' })
    expect((await download('siblingVillageCadre', hash)).statusCode).toBe(404)

    // Dropped from the first memo, the photo is no longer the village's to see.
    await pushApplied(server.app, as('gridWorker'), memoMutation(memo, 'update', { photos: [] }))
    expect((await download('villageCadre', hash)).statusCode).toBe(404)
    expect((await download('department', hash)).statusCode).toBe(404)
    expect((await download('gridWorker', hash)).statusCode).toBe(200)
  })

  it('refuses a record listing another village’s photo by its hash, storing nothing and showing nothing', async () => {
    const png = freshPng()
    const hash = sha256(png)
    await upload('gridWorker', png)
    await memoWithPhotos('gridWorker', PATHS.g1, [hash])
    const before = await syncWrites(server.database)
    const result = await pushOne(
      server.app,
      as('otherVillageGridWorker'),
      createMemo(PATHS.v2g1, { photos: [hash] }),
    )
    expect(result).toMatchObject({ status: 'rejected', code: 'attachment_not_allowed' })
    expect(result.status === 'rejected' && result.message).toMatch(HAN)
    expect((await syncWrites(server.database)).slice(1)).toEqual(before.slice(1))
    expect((await download('otherVillageGridWorker', hash)).statusCode).toBe(404)
    // A record the author can see lists it: re-listing it in their own record is fine.
    await memoWithPhotos('villageCadre', PATHS.v1, [hash])
  })

  it('lets a hash listed before its upload show the photo only when its linker uploads the bytes', async () => {
    const png = freshPng()
    const hash = sha256(png)
    // Someone who learned the hash lists it before anyone uploaded it: accepted (photos come later)…
    await memoWithPhotos('otherVillageGridWorker', PATHS.v2g1, [hash])
    // …then the real owner uploads it and lists it in their own memo.
    await upload('gridWorker', png)
    await memoWithPhotos('gridWorker', PATHS.g1, [hash])
    expect((await download('villageCadre', hash)).statusCode).toBe(200)
    // The early link grants nothing: its linker never showed they hold the bytes.
    expect((await download('otherVillageGridWorker', hash)).statusCode).toBe(404)
    expect((await download('siblingVillageCadre', hash)).statusCode).toBe(404)

    // The ordinary offline case: the text first, the linker's own upload after it.
    const later = freshPng()
    await memoWithPhotos('siblingGridWorker', PATHS.g2, [sha256(later)])
    expect((await download('villageCadre', sha256(later))).statusCode).toBe(404)
    await upload('siblingGridWorker', later)
    expect((await download('villageCadre', sha256(later))).statusCode).toBe(200)
  })

  it('deletes photos no record lists once they are older than the configured days', async () => {
    const [orphan, listed, fresh] = [freshPng(), freshPng(), freshPng()]
    for (const png of [orphan, listed, fresh]) await upload('gridWorker', png)
    await memoWithPhotos('gridWorker', PATHS.g1, [sha256(listed)])
    const old = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000).toISOString()
    await server.database.db
      .updateTable('blob')
      .set({ created_at: old })
      .where('sha256', 'in', [sha256(orphan), sha256(listed)])
      .execute()
    expect(await collectBlobGarbage(server.database.db, { days: 30 })).toBe(1)
    expect((await download('gridWorker', sha256(orphan))).statusCode).toBe(404)
    expect((await download('gridWorker', sha256(listed))).statusCode).toBe(200)
    expect((await download('gridWorker', sha256(fresh))).statusCode).toBe(200)
    // Uploaded again, the same bytes are stored anew.
    expect((await upload('gridWorker', orphan)).statusCode).toBe(201)
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

describe.each(DIALECTS)('the daily upload quota on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string
  beforeAll(async () => {
    server = await createTestServer(dialect, {
      kinds: MEMO_KINDS,
      env: { BLOB_DAILY_QUOTA_MB: '1' },
    })
    as = await loginAll(server, ['gridWorker', 'siblingGridWorker'])
  })
  afterAll(() => server.close())

  const put = (who: Person, data: Buffer) =>
    server.app.inject({
      method: 'PUT',
      url: `/api/blobs/${sha256(data)}`,
      headers: { 'content-type': 'image/png', cookie: as(who) },
      payload: data,
    })

  it('stores no more than the quota of 40 parallel uploads, refusing the rest with 429 in Chinese', async () => {
    // 100 KiB each: a 1 MiB day holds exactly 10 of them.
    const files = Array.from({ length: 40 }, () =>
      Buffer.concat([freshPng(), Buffer.alloc(100 * 1024)]),
    )
    const fits = Math.floor((1024 * 1024) / (files[0]?.length ?? 1))
    const before = await countRows(server.database, 'blob')
    const answers = await Promise.all(files.map((file) => put('gridWorker', file)))
    const statuses = answers.map((answer) => answer.statusCode)
    const stored = statuses.filter((status) => status === 201).length
    console.info(
      `[${dialect}] 40 parallel 100 KiB uploads, 1 MiB quota: ${stored} stored, ` +
        `${statuses.filter((status) => status === 429).length} × 429`,
    )
    expect(stored).toBe(fits)
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - fits)
    expect(await countRows(server.database, 'blob')).toBe(before + fits)
    const refused = answers.find((answer) => answer.statusCode === 429)
    expect(refused?.json()).toEqual({
      code: 'upload_quota_exceeded',
      message: ERROR_MESSAGES.upload_quota_exceeded,
    })
    // Bytes already stored cost nothing; another user has a quota of their own.
    const first = files[answers.findIndex((answer) => answer.statusCode === 201)] ?? freshPng()
    expect((await put('gridWorker', first)).statusCode).toBe(200)
    expect((await put('siblingGridWorker', freshPng())).statusCode).toBe(201)
  })
})
