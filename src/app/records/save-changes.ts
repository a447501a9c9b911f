/**
 * How a store saves what a screen changed, and the one way a refusal is
 * shown: through the sync store (records and outbox entries in one Dexie
 * transaction, offline too), then 已保存 — or the Chinese reason the person
 * can act on (a full disk, the kind's own rules) and null.
 */
import { showFailToast, showSuccessToast } from 'vant'
import 'vant/es/toast/style'
import { MutationRejection } from '#shared/sync/record-kind.ts'
import { StorageFullError } from '#app/sync/errors.ts'
import type { ChangeInput } from '#app/sync/local-store.ts'
import { useSyncStore } from '#app/features/sync/index.ts'

/** Shows the Chinese reason of a refusal the person can act on; rethrows anything else. */
export function explainFailure(error: unknown): void {
  if (error instanceof StorageFullError || error instanceof MutationRejection) {
    showFailToast({ message: error.message, wordBreak: 'normal' })
    return
  }
  throw error
}

/**
 * Saves `changes` as one (all on disk, or none) and says `savedMessage`;
 * resolves with the first change's record id, or null when the device
 * refused them after saying why.
 */
export async function saveChanges(
  changes: readonly ChangeInput[],
  savedMessage: string,
): Promise<string | null> {
  try {
    const [first] = await useSyncStore().saveAll(changes)
    showSuccessToast({ message: savedMessage, wordBreak: 'normal' })
    return first?.recordId ?? null
  } catch (error) {
    explainFailure(error)
    return null
  }
}
