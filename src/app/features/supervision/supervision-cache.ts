/**
 * The last supervision view on this device, for reading offline: one entry
 * per signed-in user in localStorage (a view is a few tens of KB; the figures
 * are aggregates, so they hold no resident's data). Shown with its date.
 */
import type { SupervisionView } from '#shared/supervision/figures.ts'
import type { Standards } from '#shared/supervision/scoring.ts'

/** What is kept: the view, the standards it was ranked with, when it was fetched. */
export interface CachedView {
  savedAt: string
  query: string
  view: SupervisionView
  standards: Standards
}

const keyOf = (userId: string) => `shuoshi.supervision.${userId}`

/** Keeps the view as the user's last one; a full storage only loses the cache. */
export function saveLastView(userId: string, entry: CachedView): void {
  try {
    localStorage.setItem(keyOf(userId), JSON.stringify(entry))
  } catch {
    // Quota or private mode: the screen still works online.
  }
}

/** The user's last view, or null. */
export function readLastView(userId: string): CachedView | null {
  try {
    const text = localStorage.getItem(keyOf(userId))
    return text ? (JSON.parse(text) as CachedView) : null
  } catch {
    return null
  }
}
