/**
 * The last supervision view on this device, for reading offline: one row
 * per signed-in user in the device database (`supervisionCache`, schema
 * version 5), beside the records, so it lives and goes with them rather than
 * in localStorage's few MB shared with everything else. A view is a few tens
 * of KB of aggregates: no resident's data. Shown with its date.
 */
import type { SupervisionView } from '#shared/supervision/figures.ts'
import type { Standards } from '#shared/supervision/scoring.ts'
import { appDb } from '#app/db/app-db.ts'

/** What is kept: the view, the standards it was ranked with, when it was fetched. */
export interface CachedView {
  savedAt: string
  query: string
  view: SupervisionView
  standards: Standards
}

/** Keeps the view as the user's last one; a full storage only loses the cache. */
export async function saveLastView(userId: string, entry: CachedView): Promise<void> {
  try {
    await appDb.supervisionCache.put({ userId, ...entry })
  } catch {
    // Quota or a closed database: the screen still works online.
  }
}

/** The user's last view, or null. */
export async function readLastView(userId: string): Promise<CachedView | null> {
  try {
    const row = await appDb.supervisionCache.get(userId)
    if (!row) return null
    const { savedAt, query, view, standards } = row
    return { savedAt, query, view, standards }
  } catch {
    return null
  }
}
