/**
 * A refused change as the 同步 page shows it (issue #12.9): which record —
 * its kind and title, and the screen where it can be corrected — and what
 * can help (src/shared/api/refusal.ts). The kinds' titles and screens are
 * listed here once; a kind without an entry still shows its refusal.
 */
import { refusalRemedy, type RefusalRemedy } from '#shared/api/refusal.ts'
import type { OutboxEntry } from '#app/db/app-db.ts'

type Data = Record<string, unknown>

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** Per kind: the record's title for a person, and the screen that shows (and edits) it. */
const KIND_SCREENS: Readonly<
  Record<string, { title: (data: Data) => string; link: (id: string, data: Data) => string }>
> = {
  issue: { title: (data) => text(data.title), link: (id) => `/issues/${id}` },
  meeting: {
    title: (data) => [text(data.date), text(data.place)].filter(Boolean).join(' '),
    link: (id) => `/meetings/${id}`,
  },
  mediator: { title: (data) => text(data.name), link: () => '/mediators' },
  policy: { title: (data) => text(data.title), link: (id) => `/assessments/policies/${id}` },
  assessment_campaign: {
    title: (data) => text(data.policyTitle),
    link: (id) => `/assessments/campaigns/${id}`,
  },
  assessment_form: {
    title: (data) => text(data.submittedAt).slice(0, 10),
    link: (_id, data) => `/assessments/campaigns/${text(data.campaignId)}`,
  },
  post_evaluation: {
    title: (data) => text(data.policyTitle),
    link: (id) => `/assessments/cases/${id}`,
  },
}

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
