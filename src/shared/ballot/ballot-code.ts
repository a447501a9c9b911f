/**
 * One-time ballot codes (评议码) handed out on paper at a station: 8
 * characters from 32 that cannot be mistaken for each other (no 0/O, 1/I),
 * shown as 'ABCD-2345'. 32^8 ≈ 1.1 × 10^12 codes per campaign, of which a
 * few hundred are valid: with the route's per-address limits a guesser
 * expects to need billions of years (docs/assessment.md).
 */

/** The alphabet: digits 2–9 and letters without I and O. */
export const BALLOT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
/** Characters in a code. */
export const BALLOT_CODE_LENGTH = 8

/**
 * A code from random bytes (at least 8; each byte's low 5 bits pick a
 * character, so 32 divides 256 and there is no modulo bias).
 */
export function ballotCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < BALLOT_CODE_LENGTH) throw new RangeError('need 8 random bytes')
  let code = ''
  for (let i = 0; i < BALLOT_CODE_LENGTH; i++) code += BALLOT_ALPHABET[(bytes[i] ?? 0) & 31]
  return code
}

/**
 * What a villager typed, as stored: upper case, without spaces or dashes.
 * Null when it cannot be a code (wrong length, or a character such as O, 0,
 * I or 1 that the alphabet leaves out).
 */
export function normalizeBallotCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '')
  if (code.length !== BALLOT_CODE_LENGTH) return null
  for (const char of code) if (!BALLOT_ALPHABET.includes(char)) return null
  return code
}

/** 'ABCD2345' → 'ABCD-2345', for printing. */
export function formatBallotCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}
