/**
 * The public forms' fill check without trusting the page (docs/public-pages.md,
 * "Spam without accounts"): the server hands the page a token carrying the
 * time it was issued, signed with a key of its own; the form sends it back,
 * and a form sent sooner than MIN_FILL_MS after its token was issued is a
 * robot's. A page's own clock or a `fillMs` it reports would be whatever the
 * robot says.
 *
 * The key is derived from the server secret (BALLOT_SECRET or the key made
 * once in the data folder: src/server/ballot/ballot-secret.ts), under a label
 * of its own, so every process sharing a database accepts the others'
 * tokens and a restart keeps the open pages' tokens valid.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { ballotSecretLoader } from '../ballot/ballot-secret.ts'
import type { Config } from '../config.ts'

/** A token older than this is refused (the page fetches a fresh one). */
export const FORM_TOKEN_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000
/** Clock skew tolerated between server processes for a token "from the future". */
const MAX_SKEW_MS = 60_000
const LABEL = 'shuoshi public form token v1'
const TOKEN = /^v1\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/

/** The signing key for form tokens, derived from the server secret under its own label. */
export function formTokenKey(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update(LABEL).digest()
}

/** The key for `config`'s server secret, derived at first use. */
export function formTokenKeyLoader(config: Pick<Config, 'ballotSecret' | 'dataDir'>): () => Buffer {
  const serverSecret = ballotSecretLoader(config)
  let key: Buffer | undefined
  return () => (key ??= formTokenKey(serverSecret()))
}

function signature(key: Buffer, issuedAt: number): string {
  // 128 bits of the HMAC are plenty for a token that only proves its age.
  return createHmac('sha256', key)
    .update(`form:${issuedAt}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url')
}

/** A token saying "issued at `now`". */
export function issueFormToken(key: Buffer, now: Date): string {
  const issuedAt = now.getTime()
  return `v1.${issuedAt.toString(36)}.${signature(key, issuedAt)}`
}

/** What a form's token says about it. */
export type FormTokenCheck =
  /** Malformed, not ours, from the future or too old: the page must fetch a fresh one. */
  | { ok: false }
  /** Ours, with how long ago it was issued. */
  | { ok: true; ageMs: number }

/** Checks a token sent with a form at `now`. */
export function checkFormToken(key: Buffer, token: string, now: Date): FormTokenCheck {
  const match = TOKEN.exec(token)
  if (!match?.[1] || !match[2]) return { ok: false }
  const issuedAt = parseInt(match[1], 36)
  const expected = Buffer.from(signature(key, issuedAt))
  const given = Buffer.from(match[2])
  if (!timingSafeEqual(expected, given)) return { ok: false }
  const ageMs = now.getTime() - issuedAt
  if (ageMs < -MAX_SKEW_MS || ageMs > FORM_TOKEN_MAX_AGE_MS) return { ok: false }
  return { ok: true, ageMs }
}
