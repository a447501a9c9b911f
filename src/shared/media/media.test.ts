import { describe, expect, it } from 'vitest'
import {
  baseTypeOf,
  MAX_AUDIO_BYTES,
  MAX_IMAGE_BYTES,
  maxBytesOf,
  signatureSchema,
  sniffBlobType,
} from './media.ts'

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((part) =>
      typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : part,
    ),
  )
const EBML = [0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]

describe('sniffBlobType', () => {
  it.each([
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['a PNG', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]), 'image/png'],
    ['a WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBP'), 'image/webp'],
    ['a WebM', bytes(EBML, 'webm'), 'audio/webm'],
    ['an Ogg', bytes('OggS', [0, 2]), 'audio/ogg'],
    ['an M4A', bytes([0, 0, 0, 0x20], 'ftypM4A '), 'audio/mp4'],
    ['an MP4 Safari recorded', bytes([0, 0, 0, 0x1c], 'ftypiso5'), 'audio/mp4'],
  ])('knows %s by its first bytes', (_name, data, type) => {
    expect(sniffBlobType(data)).toBe(type)
  })

  it.each([
    ['a Matroska video', bytes(EBML, 'matroska')],
    ['a QuickTime movie', bytes([0, 0, 0, 0x14], 'ftypqt  ')],
    ['text', bytes('<svg onload=alert(1)>')],
    ['nothing', bytes()],
    ['a cut-off PNG signature', bytes([0x89], 'PN')],
  ])('refuses %s', (_name, data) => {
    expect(sniffBlobType(data)).toBeNull()
  })
})

describe('the size limits', () => {
  it('hold a voice note to a minute at the recorder’s bitrate, with room for the container', () => {
    expect(maxBytesOf('audio/webm')).toBe(MAX_AUDIO_BYTES)
    expect(MAX_AUDIO_BYTES).toBeGreaterThan((60 * 24_000) / 8)
    expect(maxBytesOf('image/png')).toBe(MAX_IMAGE_BYTES)
  })
})

describe('baseTypeOf', () => {
  it('drops the codec parameters a recorder reports', () => {
    expect(baseTypeOf('audio/webm;codecs=opus')).toBe('audio/webm')
    expect(baseTypeOf('Audio/MP4; codecs="mp4a.40.2"')).toBe('audio/mp4')
    expect(baseTypeOf('')).toBe('')
  })
})

describe('signatureSchema', () => {
  it('takes a trimmed name and a PNG hash, and refuses a blank name with a Chinese reason', () => {
    const sha256 = 'a'.repeat(64)
    expect(signatureSchema.parse({ name: ' 李大爷 ', sha256 })).toEqual({ name: '李大爷', sha256 })
    const blank = signatureSchema.safeParse({ name: '  ', sha256 })
    expect(blank.error?.issues[0]?.message).toBe('请填写签名人姓名')
    expect(signatureSchema.safeParse({ name: '李大爷', sha256: 'x' }).success).toBe(false)
  })
})
