/**
 * The receipt's tracking code of a report captured on this device: made
 * here (offline too), its SHA-256 sent with the report, the code itself
 * kept only on this device so that the grid worker can print the receipt
 * (回执) now or later. The server never learns the code, only its hash
 * (src/shared/issue/issue.resident.ts).
 */
import { formatTrackingCode, trackingCodeFromBytes } from '#shared/consultation/public-tracking.ts'
import { appDb } from '#app/db/app-db.ts'

const keyOf = (issueId: string) => `receipt:${issueId}`

/** SHA-256 of a code as the server hashes it (hex). */
export async function hashCode(code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** A fresh code and its hash. */
export async function newReceiptCode(): Promise<{ code: string; hash: string }> {
  const code = trackingCodeFromBytes(crypto.getRandomValues(new Uint8Array(12)))
  return { code, hash: await hashCode(code) }
}

/** Keeps the code of `issueId` on this device. */
export async function keepReceiptCode(issueId: string, code: string): Promise<void> {
  await appDb.settings.put({ key: keyOf(issueId), value: code })
}

/** The code of `issueId` as printed ('ABCD-EFGH-JKMN'), or null when not made on this device. */
export async function receiptCodeOf(issueId: string): Promise<string | null> {
  const value = (await appDb.settings.get(keyOf(issueId)))?.value
  return typeof value === 'string' ? formatTrackingCode(value) : null
}
