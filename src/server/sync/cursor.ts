/**
 * The pull cursor: opaque to the device, a small base64url JSON to us. It
 * names the server epoch and the user's scope it was made for; either
 * changing makes the next pull start over (reset). It cannot widen what a
 * user sees: scope always comes from the session, never from the cursor.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'

const cursorSchema = z.discriminatedUnion('phase', [
  /** Copying the records in scope, by key, before reading the log from `from`. */
  z.object({
    v: z.literal(1),
    epoch: z.string(),
    scope: z.string(),
    phase: z.literal('snapshot'),
    after: z.string(),
    from: z.object({ txid: z.number(), seq: z.number() }),
    done: z.number().int().min(0),
    total: z.number().int().min(0),
  }),
  /** Following the change log after (txid, seq). */
  z.object({
    v: z.literal(1),
    epoch: z.string(),
    scope: z.string(),
    phase: z.literal('log'),
    from: z.object({ txid: z.number(), seq: z.number() }),
  }),
])
export type Cursor = z.infer<typeof cursorSchema>

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

/** The cursor, or null when it is not one of ours (the caller answers 400). */
export function decodeCursor(text: string): Cursor | null {
  try {
    const parsed = cursorSchema.safeParse(
      JSON.parse(Buffer.from(text, 'base64url').toString('utf8')),
    )
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** A short fingerprint of what a user may see: their role and their unit's path. */
export function scopeKey(role: string, path: string): string {
  return createHash('sha256').update(`${role}|${path}`).digest('base64url').slice(0, 16)
}
