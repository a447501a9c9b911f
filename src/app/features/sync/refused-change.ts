/**
 * A refused change as the 同步 page shows it (issue #12.9): which record —
 * its kind and title, and the screen where it can be corrected — and what
 * can help (src/shared/api/refusal.ts). Each feature declares its kinds'
 * titles and screens in its own `record-screens.ts`, collected here; a kind
 * without one still shows its refusal.
 */
import { refusalRemedy, type RefusalRemedy } from '#shared/api/refusal.ts'
import type { OutboxEntry } from '#app/db/app-db.ts'
import type { RecordScreens } from '#app/records/record-screen.ts'

type Data = Record<string, unknown>

// Eager: a few small functions per kind, without their features' pages or stores.
const features = import.meta.glob<RecordScreens>('../*/record-screens.ts', {
  eager: true,
  import: 'RECORD_SCREENS',
})

/** Per kind: the record's title for a person, and the screen that shows (and edits) it. */
export const KIND_SCREENS: RecordScreens = Object.assign({}, ...Object.values(features))

/** What the 同步 page lists for one refused change. */
export interface RefusedChange {
  entry: OutboxEntry
  kind: string
  /** The record's title on this device; empty when the device holds none. */
  title: string
  /** The record's screen; null when the device holds no record to open. */
  link: string | null
  code: string
  /** The server's reason (Chinese); empty when it gave none. */
  reason: string
  remedy: RefusalRemedy
}

/** Describes `entry` with `data`, the record's state on this device (undefined when it has none). */
export function describeRefusal(entry: OutboxEntry, data: Data | undefined): RefusedChange {
  const screens = KIND_SCREENS[entry.kind]
  const code = entry.rejection?.code ?? 'rejected'
  return {
    entry,
    kind: entry.kind,
    title: data && screens ? screens.title(data) : '',
    link: data && screens ? screens.link(entry.recordId, data) : null,
    code,
    reason: entry.rejection?.message ?? '',
    remedy: refusalRemedy(code),
  }
}
