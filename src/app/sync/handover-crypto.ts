/**
 * Sealing and opening a hand-over file (docs/field.md "Hand-over file"):
 * the passphrase goes through PBKDF2-HMAC-SHA-256 to an AES-256-GCM key;
 * the format itself is src/shared/sync/handover-file.ts. WebCrypto only, so
 * the work is native and the key never leaves the browser's crypto.
 */
import {
  HANDOVER_FILE_VERSION,
  HANDOVER_ITERATIONS,
  HANDOVER_PASSPHRASE_MIN,
  HandoverFileError,
  fromBase64,
  handoverPayloadSchema,
  headerBytes,
  packHandover,
  toBase64,
  unpackHandover,
  type HandoverHeader,
  type HandoverPayload,
} from '#shared/sync/handover-file.ts'

/** True when `passphrase` may protect a new file. */
export function isPassphraseLongEnough(passphrase: string): boolean {
  return [...passphrase.trim()].length >= HANDOVER_PASSPHRASE_MIN
}

async function deriveKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  )
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

/** Encrypts `payload` under `passphrase` into a whole file (a fresh salt and IV every time). */
export async function sealHandover(
  payload: HandoverPayload,
  passphrase: string,
  iterations = HANDOVER_ITERATIONS,
): Promise<Uint8Array> {
  if (!isPassphraseLongEnough(passphrase)) throw new HandoverFileError('weak_passphrase')
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const header: Omit<HandoverHeader, 'size' | 'crc32'> = {
    format: 'shuoshi-handover',
    version: HANDOVER_FILE_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
  }
  const key = await deriveKey(passphrase, salt, iterations)
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: copy(headerBytes(header)) },
    key,
    new TextEncoder().encode(JSON.stringify(payload)),
  )
  return packHandover(header, new Uint8Array(ciphertext))
}

/**
 * Checks and decrypts a file. Throws HandoverFileError: the framing's
 * reasons (unpackHandover), `wrong_passphrase` when the intact file does
 * not open with it, `invalid` when what it holds is not a payload.
 */
export async function openHandover(
  bytes: Uint8Array,
  passphrase: string,
): Promise<HandoverPayload> {
  const { header, additionalData, ciphertext } = unpackHandover(bytes)
  const key = await deriveKey(passphrase, copy(fromBase64(header.kdf.salt)), header.kdf.iterations)
  let plain: ArrayBuffer
  try {
    plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: copy(fromBase64(header.cipher.iv)),
        additionalData: copy(additionalData),
      },
      key,
      copy(ciphertext),
    )
  } catch {
    // The checksum matched, so the bytes are as written: the key is wrong.
    throw new HandoverFileError('wrong_passphrase')
  }
  let raw: unknown
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain))
  } catch {
    throw new HandoverFileError('invalid')
  }
  const parsed = handoverPayloadSchema.safeParse(raw)
  if (!parsed.success) throw new HandoverFileError('invalid')
  return parsed.data
}

/** WebCrypto's types want bytes on a plain ArrayBuffer. */
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length)
  out.set(bytes)
  return out
}
