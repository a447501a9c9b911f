/** Password hashing with argon2id (the library's default: m=19 MiB, t=2, p=1, OWASP's baseline). */
import { hash, verify } from '@node-rs/argon2'

export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

// A real hash of a random password: verifying against it when the phone is
// unknown keeps the response time the same as for a wrong password.
const DUMMY_HASH = hash('not-a-real-password-7f3a')

export async function verifyPassword(passwordHash: string | undefined, password: string) {
  if (!passwordHash) {
    await verify(await DUMMY_HASH, password)
    return false
  }
  return verify(passwordHash, password)
}
