import { describe, expect, it } from 'vitest'
import {
  HANDOVER_FILE_VERSION,
  HANDOVER_MAGIC,
  HandoverFileError,
  crc32Hex,
  fromBase64,
  handoverFileName,
  headerBytes,
  packHandover,
  toBase64,
  unpackHandover,
  type HandoverHeader,
} from './handover-file.ts'

const HEADER: Omit<HandoverHeader, 'size' | 'crc32'> = {
  format: 'shuoshi-handover',
  version: HANDOVER_FILE_VERSION,
  kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000, salt: 'AAECAwQFBgcICQoLDA0ODw==' },
  cipher: { name: 'AES-GCM', iv: 'AAECAwQFBgcICQoL' },
}
const CIPHERTEXT = Uint8Array.from({ length: 300 }, (_, index) => (index * 7) % 256)

/** The failure `work` throws, or 'none'. */
function failureOf(work: () => unknown): string {
  try {
    work()
    return 'none'
  } catch (error) {
    if (error instanceof HandoverFileError) return error.code
    throw error
  }
}

/** The file with its header line replaced by `edit(header)`. */
function withHeader(edit: (header: Record<string, unknown>) => unknown): Uint8Array {
  const file = packHandover(HEADER, CIPHERTEXT)
  const text = new TextDecoder().decode(file.subarray(0, file.indexOf(0x0a, 17)))
  const header = JSON.parse(text.slice(HANDOVER_MAGIC.length)) as Record<string, unknown>
  const line = new TextEncoder().encode(`${HANDOVER_MAGIC}${JSON.stringify(edit(header))}\n`)
  const out = new Uint8Array(line.length + CIPHERTEXT.length)
  out.set(line)
  out.set(CIPHERTEXT, line.length)
  return out
}

describe('the hand-over file format', () => {
  it('frames a ciphertext and gives it back with the header it was sealed under', () => {
    const file = packHandover(HEADER, CIPHERTEXT)
    expect(new TextDecoder().decode(file.subarray(0, HANDOVER_MAGIC.length))).toBe(HANDOVER_MAGIC)
    const unpacked = unpackHandover(file)
    expect([...unpacked.ciphertext]).toEqual([...CIPHERTEXT])
    expect(unpacked.header).toMatchObject({ ...HEADER, size: 300, crc32: crc32Hex(CIPHERTEXT) })
    // The additional data is the header without its seal, byte for byte as when sealing.
    expect([...unpacked.additionalData]).toEqual([...headerBytes(HEADER)])
  })

  it('refuses a file that is not a hand-over file', () => {
    expect(failureOf(() => unpackHandover(new TextEncoder().encode('%PDF-1.7\n...')))).toBe(
      'not_handover',
    )
    expect(failureOf(() => unpackHandover(new Uint8Array()))).toBe('not_handover')
  })

  it('tells a damaged file apart without the key: a changed byte, a cut end, a bad header', () => {
    const file = packHandover(HEADER, CIPHERTEXT)
    const flipped = file.slice()
    flipped[file.length - 10] = (flipped[file.length - 10] ?? 0) ^ 0x01
    expect(failureOf(() => unpackHandover(flipped))).toBe('corrupt')
    expect(failureOf(() => unpackHandover(file.subarray(0, file.length - 1)))).toBe('corrupt')
    expect(failureOf(() => unpackHandover(file.subarray(0, HANDOVER_MAGIC.length + 5)))).toBe(
      'corrupt',
    )
    expect(failureOf(() => unpackHandover(withHeader((h) => ({ ...h, crc32: 'zz' }))))).toBe(
      'corrupt',
    )
  })

  it('refuses a file from a newer app with "update", before reading the rest of its header', () => {
    const newer = withHeader(() => ({ version: HANDOVER_FILE_VERSION + 1, somethingNew: true }))
    expect(failureOf(() => unpackHandover(newer))).toBe('newer_version')
  })

  it('refuses a header asking for too few or too many iterations', () => {
    const iterations = (n: number) =>
      withHeader((header) => ({ ...header, kdf: { ...HEADER.kdf, iterations: n } }))
    expect(failureOf(() => unpackHandover(iterations(1_000)))).toBe('corrupt')
    expect(failureOf(() => unpackHandover(iterations(1_000_000_000)))).toBe('corrupt')
    expect(failureOf(() => unpackHandover(iterations(1_000_000)))).toBe('none')
  })

  it('computes the standard CRC-32 and base64', () => {
    expect(crc32Hex(new TextEncoder().encode('123456789'))).toBe('cbf43926')
    expect(crc32Hex(new Uint8Array())).toBe('00000000')
    for (const text of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar']) {
      const bytes = new TextEncoder().encode(text)
      expect(toBase64(bytes)).toBe(Buffer.from(text).toString('base64'))
      expect([...fromBase64(toBase64(bytes))]).toEqual([...bytes])
    }
    const all = Uint8Array.from({ length: 256 }, (_, index) => index)
    expect(toBase64(all)).toBe(Buffer.from(all).toString('base64'))
    expect(failureOf(() => fromBase64('abc'))).toBe('invalid')
    expect(failureOf(() => fromBase64('ab$='))).toBe('invalid')
  })

  it('names the file in ASCII with its time', () => {
    expect(handoverFileName(new Date('2026-11-27T19:05:30Z'))).toBe(
      'shuoshi-handover-20261127-1905.shuoshi',
    )
  })
})
