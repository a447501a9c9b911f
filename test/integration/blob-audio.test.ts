/**
 * Voice notes and signatures on the blob route (#21.4, #21.5): audio is
 * taken in the compact types the app records, checked by its bytes and held
 * to its own size limit; an issue carries its voice note like its photos.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import type { IssueData } from '#shared/issue/issue.schema.ts'
import { MAX_AUDIO_BYTES } from '#shared/media/media.ts'
import type { Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, pushApplied } from '../support/sync-client.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

let serial = 0
/** The start of a WebM file (EBML header, DocType "webm"), then `size` bytes nobody sent yet. */
function webm(size = 2048, docType = 'webm'): Buffer {
  serial++
  const header = Buffer.from([
    0x1a,
    0x45,
    0xdf,
    0xa3,
    0x9f,
    0x42,
    0x86,
    0x81,
    0x01,
    0x42,
    0xf7,
    0x81,
    0x01,
    0x42,
    0xf2,
    0x81,
    0x04,
    0x42,
    0xf3,
    0x81,
    0x08,
    0x42,
    0x82,
    0x80 + docType.length,
  ])
  const body = Buffer.alloc(size)
  body.writeUInt32BE(serial, 0)
  return Buffer.concat([header, Buffer.from(docType, 'latin1'), body])
}
/** An Ogg page header, then bytes nobody sent yet. */
function ogg(): Buffer {
  serial++
  const body = Buffer.alloc(512)
  body.writeUInt32BE(serial, 0)
  return Buffer.concat([Buffer.from('OggS\0\x02', 'latin1'), body])
}

const PEOPLE: Person[] = ['gridWorker', 'villageCadre', 'siblingVillageCadre']

describe.each(DIALECTS)('voice notes on the blob route on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string
  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  function upload(who: Person, data: Buffer, type: string) {
    return server.app.inject({
      method: 'PUT',
      url: `/api/blobs/${sha256(data)}`,
      headers: { 'content-type': type, cookie: as(who) },
      payload: data,
    })
  }
  function download(who: Person, hash: string) {
    return server.app.inject({
      method: 'GET',
      url: `/api/blobs/${hash}`,
      headers: { cookie: as(who) },
    })
  }
  async function expectRefused(data: Buffer, type: string, status: number) {
    const before = await countRows(server.database, 'blob')
    const response = await upload('gridWorker', data, type)
    expect(response.statusCode).toBe(status)
    expect(response.json<{ message: string }>().message).toMatch(HAN)
    expect(await countRows(server.database, 'blob')).toBe(before)
  }

  it.each([
    ['a WebM/Opus note', () => webm(), 'audio/webm'],
    ['an Ogg/Opus note', ogg, 'audio/ogg'],
  ])('stores %s and gives it back with its type', async (_name, bytes, type) => {
    const data = bytes()
    expect((await upload('gridWorker', data, type)).statusCode).toBe(201)
    const response = await download('gridWorker', sha256(data))
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe(type)
    expect(response.headers['content-disposition']).toContain('.')
    expect(response.rawPayload.equals(data)).toBe(true)
  })

  it('refuses a note over the audio limit with 413 and a Chinese reason, storing nothing', async () => {
    await expectRefused(webm(MAX_AUDIO_BYTES), 'audio/webm', 413)
  })

  it.each([
    ['a WebM labelled as Ogg', () => webm(), 'audio/ogg'],
    ['an Ogg labelled as WebM', ogg, 'audio/webm'],
    ['a Matroska video labelled as WebM', () => webm(2048, 'matroska'), 'audio/webm'],
    ['text labelled as WebM', () => Buffer.from('这不是录音'), 'audio/webm'],
    ['a WebM labelled with a type the route does not take', () => webm(), 'audio/wav'],
  ])('refuses %s with 415 and a Chinese reason, storing nothing', async (_name, bytes, type) => {
    await expectRefused(bytes(), type, 415)
  })

  it('shows an issue’s voice note to the village once the issue lists it, not to the sibling village', async () => {
    const note = webm()
    const hash = sha256(note)
    await upload('gridWorker', note, 'audio/webm')
    expect((await download('villageCadre', hash)).statusCode).toBe(404)
    const record = await pushApplied(
      server.app,
      as('gridWorker'),
      mutation('issue', newRecordId(), 'create', sampleCreatePayload({ voiceNote: hash })),
    )
    expect((record.data as IssueData).voiceNote).toBe(hash)
    expect((await download('villageCadre', hash)).statusCode).toBe(200)
    expect((await download('siblingVillageCadre', hash)).statusCode).toBe(404)
  })
})
