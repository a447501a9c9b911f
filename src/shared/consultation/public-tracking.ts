/**
 * The tracking code (查询码) a person gets after sending an opinion from the
 * public page, to look up that opinion's answer later: 12 characters from
 * the ballot codes' alphabet (no 0/O, 1/I), shown as 'ABCD-EFGH-JKMN'.
 * 32^12 ≈ 1.2 × 10^18 codes, of which a few thousand exist at any time; with
 * the lookup route's limit of wrong codes per address, guessing one is
 * hopeless, and the server stores only each code's SHA-256 (a leaked
 * database does not reveal codes; 60 bits are too many to try offline).
 */
import { BALLOT_ALPHABET } from '../ballot/ballot-code.ts'

/** Characters in a tracking code. */
export const TRACKING_CODE_LENGTH = 12

/** A code from at least 12 random bytes (each byte's low 5 bits: no modulo bias). */
export function trackingCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < TRACKING_CODE_LENGTH) throw new RangeError('need 12 random bytes')
  let code = ''
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) code += BALLOT_ALPHABET[(bytes[i] ?? 0) & 31]
  return code
}

/**
 * What a person typed, as hashed: upper case, without spaces or dashes; null
 * when it cannot be a code (wrong length, or a character the alphabet leaves out).
 */
export function normalizeTrackingCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '')
  if (code.length !== TRACKING_CODE_LENGTH) return null
  for (const char of code) if (!BALLOT_ALPHABET.includes(char)) return null
  return code
}

/** 'ABCDEFGHJKMN' → 'ABCD-EFGH-JKMN', for showing and writing down. */
export function formatTrackingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`
}
