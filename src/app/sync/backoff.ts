/**
 * Retry delays after failed syncs: exponential, capped, with jitter so that a
 * village's phones coming back online together do not hit the server at once.
 */
export const BACKOFF_BASE_MS = 5_000
export const BACKOFF_MAX_MS = 10 * 60_000
/** How often a healthy, online device looks for news. */
export const PERIODIC_SYNC_MS = 2 * 60_000

/** Delay before retry number `failures` (1 = first retry); `random` in [0, 1). */
export function backoffDelay(failures: number, random: number = Math.random()): number {
  if (failures <= 0) return PERIODIC_SYNC_MS
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1))
  // "Equal jitter": at least half the ceiling, so retries never bunch up at zero.
  return Math.round(ceiling / 2 + (ceiling / 2) * random)
}

/**
 * Delay before the next try after a failure the server explained with
 * `Retry-After` (a busy or unavailable server): never sooner than it asked,
 * plus up to half again of jitter so shed phones do not return together,
 * and never sooner than the usual backoff.
 */
export function retryDelay(
  failures: number,
  retryAfterSeconds: number | null,
  random: number = Math.random(),
): number {
  const backoff = backoffDelay(failures, random)
  if (retryAfterSeconds === null) return backoff
  const asked = Math.min(BACKOFF_MAX_MS, retryAfterSeconds * 1000)
  return Math.max(backoff, Math.round(asked * (1 + random / 2)))
}
