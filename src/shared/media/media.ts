/**
 * Attachments other than photos: a resident's voice note and a signature
 * drawn on the screen. Both travel like photos (content-addressed blobs,
 * uploaded apart from the record's text); this module holds their limits
 * and the one rule both sides use to tell what a blob's bytes really are
 * (docs/field.md, "Voice notes and signatures").
 */
import { z } from 'zod'
import { photoHashSchema } from '../common/fields.schema.ts'

/** Longest voice note, in seconds; the recorder stops by itself at this length. */
export const VOICE_NOTE_MAX_SECONDS = 60

/** Opus bitrate asked of the recorder: speech stays clear, a minute is ~180 KB. */
export const VOICE_NOTE_BITS_PER_SECOND = 24_000

/**
 * Largest voice note the server accepts: 60 s at 24 kbit/s is 180 KB; the
 * rest is room for the container and for encoders that overshoot the
 * bitrate they were asked for (Safari's AAC).
 */
export const MAX_AUDIO_BYTES = 256 * 1024

/** Largest image blob (a compressed photo, a signature). */
export const MAX_IMAGE_BYTES = 1024 * 1024

/** Image types a blob may have. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
/** Audio types a blob may have: WebM/Opus (Chrome, Android), Ogg/Opus (Firefox), MP4/AAC (Safari). */
export const AUDIO_TYPES = ['audio/webm', 'audio/ogg', 'audio/mp4'] as const
/** Every type a blob may have. */
export type BlobType = (typeof IMAGE_TYPES)[number] | (typeof AUDIO_TYPES)[number]
/** Every type a blob may have, images first. */
export const BLOB_TYPES: readonly BlobType[] = [...IMAGE_TYPES, ...AUDIO_TYPES]

/** True for an audio type. */
export function isAudioType(type: string): boolean {
  return AUDIO_TYPES.some((audio) => audio === type)
}

/** The largest blob of `type` the server takes. */
export function maxBytesOf(type: BlobType): number {
  return isAudioType(type) ? MAX_AUDIO_BYTES : MAX_IMAGE_BYTES
}

/** File name extension per type, for downloads. */
export const BLOB_EXTENSIONS: Record<BlobType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
}

const startsWith = (data: Uint8Array, bytes: readonly number[], at = 0) =>
  data.length >= at + bytes.length && bytes.every((byte, index) => data[at + index] === byte)
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0))
/** Where the EBML DocType of a WebM file may appear (within its short header). */
const WEBM_HEADER_BYTES = 64

/**
 * The type the bytes really are, from their first bytes (never from what the
 * sender claims), or null for anything else.
 */
export function sniffBlobType(data: Uint8Array): BlobType | null {
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) return 'image/webp'
  // EBML magic, then the DocType "webm" (Matroska video files say "matroska").
  if (startsWith(data, [0x1a, 0x45, 0xdf, 0xa3])) {
    const head = data.subarray(0, WEBM_HEADER_BYTES)
    const docType = ascii('webm')
    for (let at = 4; at + docType.length <= head.length; at++) {
      if (startsWith(head, docType, at)) return 'audio/webm'
    }
    return null
  }
  if (startsWith(data, ascii('OggS'))) return 'audio/ogg'
  // ISO media: "ftyp" box at 4, with an audio brand (M4A) or the generic ones Safari writes.
  if (startsWith(data, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...data.subarray(8, 12))
    return ['M4A ', 'isom', 'mp42', 'iso5', 'iso6'].includes(brand) ? 'audio/mp4' : null
  }
  return null
}

/**
 * The blob type a recorder's MIME type is stored and uploaded as: its
 * parameters dropped ("audio/webm;codecs=opus" → "audio/webm"), since the
 * server compares the declared type with the sniffed one.
 */
export function baseTypeOf(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase()
}

/** One signature on a sign-in list or a feedback visit: who signed and the PNG of it. */
export const signatureSchema = z.object({
  name: z
    .string({ error: '请填写签名人姓名' })
    .trim()
    .min(1, '请填写签名人姓名')
    .max(30, '签名人姓名不超过30字'),
  sha256: photoHashSchema,
})
/** One signature. */
export type Signature = z.infer<typeof signatureSchema>

/** Most signatures on one sign-in list (the representatives' own limit). */
export const MAX_SIGNATURES = 50

/** A voice note: the sha-256 of its audio blob. */
export const voiceNoteSchema = z.string().regex(/^[0-9a-f]{64}$/, '录音编号不正确')
