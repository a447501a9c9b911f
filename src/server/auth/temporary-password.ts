/**
 * Temporary passwords an admin hands out (a reset, an import's slip): read
 * aloud or copied from paper, so no look-alike characters (0/O, 1/l/I); 10
 * characters of 31 give ~49 bits, far beyond the login limits' reach. They
 * fit the password rule (letters and digits), and the account must change
 * them at the next sign-in (`must_change_password`).
 */
import { randomInt } from 'node:crypto'

const LETTERS = 'abcdefghjkmnpqrstuvwxyz'
const DIGITS = '23456789'
const ALL = LETTERS + DIGITS

export function makeTemporaryPassword(): string {
  const chars = Array.from({ length: 10 }, () => ALL[randomInt(ALL.length)] ?? 'a')
  // The password rule wants a letter and a digit: place one of each at random spots.
  const letterAt = randomInt(10)
  const digitAt = (letterAt + 1 + randomInt(9)) % 10
  chars[letterAt] = LETTERS[randomInt(LETTERS.length)] ?? 'a'
  chars[digitAt] = DIGITS[randomInt(DIGITS.length)] ?? '2'
  return chars.join('')
}
