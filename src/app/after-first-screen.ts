/**
 * Work the first screen does not need (the sync engine with Dexie, zod and
 * the record kinds) waits until the page has loaded and the main thread is
 * idle, so that on a slow phone it never delays the screen's paint or its
 * first tap. Safari has no requestIdleCallback: a short timeout stands in.
 */
const IDLE_TIMEOUT_MS = 2000

export function afterFirstScreen(work: () => void): void {
  const whenIdle = () => {
    if ('requestIdleCallback' in window) {
      window.requestIdleCallback(() => work(), { timeout: IDLE_TIMEOUT_MS })
    } else setTimeout(work, 200)
  }
  if (document.readyState === 'complete') whenIdle()
  else window.addEventListener('load', whenIdle, { once: true })
}
