/**
 * The hand-over file of unsent records (issue #21.3, docs/field.md
 * "Hand-over file"): how a phone that cannot reach the server puts every
 * change it still holds into one file another phone can send. This module is
 * the pure format — framing, header, checksum, versions, what the payload
 * holds; the device encrypts and decrypts (WebCrypto: PBKDF2 → AES-GCM,
 * src/app/sync/handover-crypto.ts).
 *
 * A file is `MAGIC`, one line of ASCII JSON (the header), a newline, then
 * the ciphertext. The header says how to derive the key and carries a
 * CRC-32 of the ciphertext, so a file damaged on its way (a truncated
 * WeChat download) is told apart from a wrong passphrase without the key;
 * the header's exact bytes are the cipher's additional data, so a header
 * changed on purpose (fewer iterations) fails the decryption as a whole.
 * Who made the file and what it holds are inside the ciphertext only.
 */
import { z } from 'zod'

/** The first bytes of every hand-over file (ASCII). */
export const HANDOVER_MAGIC = 'SHUOSHI-HANDOVER\n'
/** The format's version. A newer file is refused with "update the app", never half read. */
export const HANDOVER_FILE_VERSION = 1
/** The file name's extension, also what the import's file picker offers. */
export const HANDOVER_EXTENSION = '.shuoshi'

/**
 * PBKDF2-HMAC-SHA-256 iterations for a new file: OWASP's 2023 figure
 * (600,000). WebCrypto runs it natively; a cheap Android phone takes
 * about 1–2 s, once per export and once per import (docs/field.md).
 */
export const HANDOVER_ITERATIONS = 600_000
/**
 * The iterations a file may ask for when read: below the floor a file is
 * too cheap to guess; above the ceiling a made-up file would freeze the
 * phone for minutes.
 */
export const HANDOVER_MIN_ITERATIONS = 100_000
export const HANDOVER_MAX_ITERATIONS = 5_000_000
/** The shortest passphrase accepted when making a file. */
export const HANDOVER_PASSPHRASE_MIN = 8

/** Why a file cannot be made or read; the device shows each in Chinese. */
export type HandoverFailure =
  /** Not a hand-over file at all (another file was picked). */
  | 'not_handover'
  /** Made by a newer app: update this one first. */
  | 'newer_version'
  /** Damaged on its way: the checksum or the framing does not match. */
  | 'corrupt'
  /** Intact, but the passphrase does not open it. */
  | 'wrong_passphrase'
  /** Opened, but its content is not what this app writes. */
  | 'invalid'
  /** Made by someone who is neither this user nor a colleague of this unit. */
  | 'other_unit'
  /** Nothing on this device waits to be sent. */
  | 'nothing_to_hand_over'
  /** The passphrase is shorter than HANDOVER_PASSPHRASE_MIN. */
  | 'weak_passphrase'

/** A hand-over file could not be made or read; nothing was changed. */
export class HandoverFileError extends Error {
  constructor(readonly code: HandoverFailure) {
    super(`hand-over file: ${code}`)
    this.name = 'HandoverFileError'
  }
}

const base64Schema = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)

/** The header line: everything needed to check and decrypt the file, nothing about its content. */
export const handoverHeaderSchema = z.object({
  format: z.literal('shuoshi-handover'),
  version: z.number().int().min(1),
  kdf: z.object({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    iterations: z.number().int().min(HANDOVER_MIN_ITERATIONS).max(HANDOVER_MAX_ITERATIONS),
    salt: base64Schema,
  }),
  cipher: z.object({ name: z.literal('AES-GCM'), iv: base64Schema }),
  /** Length of the ciphertext in bytes. */
  size: z.number().int().min(0),
  /** CRC-32 of the ciphertext, 8 lowercase hex digits. */
  crc32: z.string().regex(/^[0-9a-f]{8}$/),
})
/** The header of a hand-over file. */
export type HandoverHeader = z.infer<typeof handoverHeaderSchema>

/** One unsent change, as the outbox held it (its id is what makes a second delivery harmless). */
export const handoverEntrySchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.string().min(1).max(40),
  recordId: z.string().min(1).max(64),
  op: z.string().min(1).max(41),
  payload: z.record(z.string(), z.unknown()),
  baseVersion: z.number().int().min(0),
  deviceId: z.string().min(1).max(64),
  createdAt: z.string(),
  /** The author who first saved it, when they were themselves handed it. */
  handedOverFrom: z.string().min(1).max(64).optional(),
})
/** One change in a hand-over file. */
export type HandoverEntry = z.infer<typeof handoverEntrySchema>

/** A record the changes apply to, as the first phone knew it from the server. */
export const handoverRecordSchema = z.object({
  key: z.string().min(1).max(120),
  kind: z.string().min(1).max(40),
  id: z.string().min(1).max(64),
  /** The server's version under the changes (0: the server has never seen it). */
  version: z.number().int().min(0),
  orgPath: z.string(),
  /** The server's state under the changes, null for a record made on the phone. */
  serverData: z.record(z.string(), z.unknown()).nullable(),
  updatedAt: z.string(),
})
/** One record in a hand-over file. */
export type HandoverRecord = z.infer<typeof handoverRecordSchema>

/** A photo (or other blob) not yet uploaded, by content hash. */
export const handoverBlobSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  type: z.string().max(100),
  /** The bytes, base64. */
  data: base64Schema,
})
/** One blob in a hand-over file. */
export type HandoverBlob = z.infer<typeof handoverBlobSchema>

/** What the ciphertext holds, as JSON. */
export const handoverPayloadSchema = z.object({
  /** The signed-in user who made the file: the receiving phone checks who may send it. */
  author: z.object({ userId: z.string().min(1), name: z.string(), orgUnitId: z.string().min(1) }),
  deviceId: z.string(),
  createdAt: z.string(),
  /** In the first phone's outbox order: the receiving phone pushes them in this order. */
  entries: z.array(handoverEntrySchema).min(1),
  records: z.array(handoverRecordSchema),
  blobs: z.array(handoverBlobSchema),
})
/** The decrypted content of a hand-over file. */
export type HandoverPayload = z.infer<typeof handoverPayloadSchema>

/**
 * Frames a file: magic, the header with the ciphertext's size and CRC-32,
 * the ciphertext. The caller has encrypted with `headerBytes(header)` as the
 * additional data.
 */
export function packHandover(
  header: Omit<HandoverHeader, 'size' | 'crc32'>,
  ciphertext: Uint8Array,
): Uint8Array {
  // The canonical line (the additional data) with the seal appended: same key order on both ends.
  const full = asciiBytes(
    `${headerLine(header).slice(0, -1)},${JSON.stringify(sealOf(ciphertext)).slice(1)}`,
  )
  const magic = asciiBytes(HANDOVER_MAGIC)
  const out = new Uint8Array(magic.length + full.length + 1 + ciphertext.length)
  out.set(magic, 0)
  out.set(full, magic.length)
  out[magic.length + full.length] = NEWLINE
  out.set(ciphertext, magic.length + full.length + 1)
  return out
}

/**
 * The additional data the cipher binds to: the header as written, without
 * its size and checksum (they describe the ciphertext, so they are known
 * only after encrypting).
 */
export function headerBytes(header: Omit<HandoverHeader, 'size' | 'crc32'>): Uint8Array {
  return asciiBytes(headerLine(header))
}

/** A file split into its checked header and ciphertext, ready to decrypt. */
export interface UnpackedHandover {
  header: HandoverHeader
  /** The cipher's additional data (see `headerBytes`). */
  additionalData: Uint8Array
  ciphertext: Uint8Array
}

/**
 * Splits and checks a file without the key. Throws HandoverFileError:
 * `not_handover` without the magic, `newer_version` for a later format,
 * `corrupt` when the header does not parse or the ciphertext's size or
 * CRC-32 differ from the header's.
 */
export function unpackHandover(bytes: Uint8Array): UnpackedHandover {
  const magic = asciiBytes(HANDOVER_MAGIC)
  if (bytes.length < magic.length || magic.some((byte, index) => bytes[index] !== byte)) {
    throw new HandoverFileError('not_handover')
  }
  const end = bytes.indexOf(NEWLINE, magic.length)
  if (end < 0) throw new HandoverFileError('corrupt')
  let raw: unknown
  try {
    raw = JSON.parse(asciiText(bytes.subarray(magic.length, end)))
  } catch {
    throw new HandoverFileError('corrupt')
  }
  // The version first: a newer file's header may have fields this app does not know.
  const version = z.object({ version: z.number().int() }).safeParse(raw)
  if (version.success && version.data.version > HANDOVER_FILE_VERSION) {
    throw new HandoverFileError('newer_version')
  }
  const parsed = handoverHeaderSchema.safeParse(raw)
  if (!parsed.success) throw new HandoverFileError('corrupt')
  const header = parsed.data
  const ciphertext = bytes.subarray(end + 1)
  if (ciphertext.length !== header.size || crc32Hex(ciphertext) !== header.crc32) {
    throw new HandoverFileError('corrupt')
  }
  return { header, additionalData: headerBytes(header), ciphertext }
}

/** `shuoshi-handover-20261127-1905.shuoshi`: ASCII, so every messenger keeps it intact. */
export function handoverFileName(createdAt: Date): string {
  const stamp = createdAt.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
  return `shuoshi-handover-${stamp}${HANDOVER_EXTENSION}`
}

/** The header's canonical line: fixed key order, so the additional data is the same on both ends. */
function headerLine(header: Omit<HandoverHeader, 'size' | 'crc32'>): string {
  const { format, version, kdf, cipher } = header
  return JSON.stringify({
    format,
    version,
    kdf: { name: kdf.name, hash: kdf.hash, iterations: kdf.iterations, salt: kdf.salt },
    cipher: { name: cipher.name, iv: cipher.iv },
  })
}

function sealOf(ciphertext: Uint8Array): Pick<HandoverHeader, 'size' | 'crc32'> {
  return { size: ciphertext.length, crc32: crc32Hex(ciphertext) }
}

const NEWLINE = 0x0a

function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    if (code > 0x7e) throw new RangeError('the header is ASCII only')
    out[index] = code
  }
  return out
}

function asciiText(bytes: Uint8Array): string {
  let text = ''
  for (const byte of bytes) {
    if (byte > 0x7e) throw new RangeError('not ASCII')
    text += String.fromCharCode(byte)
  }
  return text
}

let crcTable: Uint32Array | undefined

/** CRC-32 (IEEE 802.3, as zip and PNG use) of `bytes`, as 8 lowercase hex digits. */
export function crc32Hex(bytes: Uint8Array): string {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  let crc = 0xffffffff
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0')
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Standard base64 of `bytes` (with padding). */
export function toBase64(bytes: Uint8Array): string {
  let out = ''
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index] ?? 0
    const b = bytes[index + 1]
    const c = bytes[index + 2]
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out += BASE64[(triple >> 18) & 63]
    out += BASE64[(triple >> 12) & 63]
    out += b === undefined ? '=' : BASE64[(triple >> 6) & 63]
    out += c === undefined ? '=' : BASE64[triple & 63]
  }
  return out
}

/** The bytes of standard base64 `text`; throws HandoverFileError('invalid') on anything else. */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0 || !base64Schema.safeParse(text).success) {
    throw new HandoverFileError('invalid')
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const out = new Uint8Array((text.length / 4) * 3 - padding)
  let at = 0
  for (let index = 0; index < text.length; index += 4) {
    let triple = 0
    for (let k = 0; k < 4; k += 1) {
      const char = text[index + k] ?? '='
      triple = (triple << 6) | (char === '=' ? 0 : BASE64.indexOf(char))
    }
    for (const shift of [16, 8, 0]) {
      if (at < out.length) out[at++] = (triple >> shift) & 0xff
    }
  }
  return out
}
