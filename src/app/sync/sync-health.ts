/**
 * Sync health (issue #21.2): whether this device reaches the server and why
 * not, how long its oldest unsent change has waited, when it last synced,
 * and a warning with what to do once something has waited a day. A pure
 * function of what the device knows (its sync state, its outbox, the
 * browser's network flag), so the 同步 page and the desk read the same.
 */

/** Why the last sync failed, as the engine records it (SyncMetaRow.lastFailure). */
export type SyncFailure = 'unreachable' | 'server' | 'signed-out' | 'outdated'

/** Whether the server is reachable now, or the reason it is not. */
export type Reachability =
  'ok' | 'never' | 'noNetwork' | 'serverDown' | 'serverError' | 'signedOut' | 'outdated'

/** The warning once something has waited longer than `STALE_HOURS`. */
export type SyncWarning = 'unsentStale' | 'notSyncedStale'

/** Hours after which an unsent change, or a device not synced, gets a warning. */
export const STALE_HOURS = 24

export interface SyncHealthInput {
  isOnline: boolean
  /** The engine's last failure, cleared by a success. */
  failure: SyncFailure | null
  isOutdated: boolean
  lastSuccessAt: string | null
  /** When the oldest change (or photo) the server does not have yet was made. */
  oldestUnsyncedAt: string | null
  now: string
}

export interface SyncHealth {
  reachability: Reachability
  /** Hours the oldest unsent change has waited (null: nothing waits). */
  oldestUnsyncedHours: number | null
  /** Hours since the last successful sync (null: never). */
  lastSuccessHours: number | null
  warning: SyncWarning | null
}

const HOUR_MS = 3_600_000

function hoursSince(at: string | null, now: string): number | null {
  if (at === null) return null
  return Math.max(0, Math.floor((Date.parse(now) - Date.parse(at)) / HOUR_MS))
}

function reachabilityOf(input: SyncHealthInput): Reachability {
  // The app must be updated before anything else helps; then the network.
  if (input.isOutdated || input.failure === 'outdated') return 'outdated'
  if (!input.isOnline) return 'noNetwork'
  switch (input.failure) {
    case 'signed-out':
      return 'signedOut'
    case 'unreachable':
      return 'serverDown'
    case 'server':
      return 'serverError'
    default:
      return input.lastSuccessAt ? 'ok' : 'never'
  }
}

/** The device's sync health at `input.now`. */
export function syncHealth(input: SyncHealthInput): SyncHealth {
  const oldestUnsyncedHours = hoursSince(input.oldestUnsyncedAt, input.now)
  const lastSuccessHours = hoursSince(input.lastSuccessAt, input.now)
  const warning: SyncWarning | null =
    oldestUnsyncedHours !== null && oldestUnsyncedHours >= STALE_HOURS
      ? 'unsentStale'
      : lastSuccessHours !== null && lastSuccessHours >= STALE_HOURS
        ? 'notSyncedStale'
        : null
  return { reachability: reachabilityOf(input), oldestUnsyncedHours, lastSuccessHours, warning }
}
