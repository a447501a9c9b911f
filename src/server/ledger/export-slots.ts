/**
 * How many ledger exports run at once in this process: one per user and
 * `MAX_EXPORTS` in all. A county's full ledger keeps a core busy for
 * seconds; a burst of parallel requests (a double tap, a script) is refused
 * at once with 429 instead of piling up behind it. The count is per
 * process: several server processes each allow their own.
 */

/** Exports at once per process: two leave the other core to sync. */
export const MAX_EXPORTS = 2

export interface ExportSlots {
  /** A release function when `userId` may start an export now, else null. */
  take(userId: string): (() => void) | null
}

export function exportSlots(max = MAX_EXPORTS): ExportSlots {
  const running = new Set<string>()
  return {
    take(userId) {
      if (running.size >= max || running.has(userId)) return null
      running.add(userId)
      let isReleased = false
      return () => {
        if (isReleased) return
        isReleased = true
        running.delete(userId)
      }
    },
  }
}
