/**
 * The one way work the first screen does not need waits for it: until the
 * page has loaded and the main thread is idle, so that on a slow phone it
 * never delays the screen's paint or its first tap. Used for the sync engine
 * (with Dexie, zod and the record kinds; App.vue), the tab bar's unsynced
 * count and the parts of a page that come after it (the work desk on 首页,
 * through `afterFirstScreenComponent`). Safari has no requestIdleCallback: a
 * short timeout stands in.
 */
import { defineAsyncComponent, type Component } from 'vue'

const IDLE_TIMEOUT_MS = 2000

/** Runs `work` once the page has loaded and the main thread is idle. */
export function afterFirstScreen(work: () => void): void {
  const whenIdle = () => {
    if ('requestIdleCallback' in window) {
      window.requestIdleCallback(() => work(), { timeout: IDLE_TIMEOUT_MS })
    } else setTimeout(work, 200)
  }
  if (document.readyState === 'complete') whenIdle()
  else window.addEventListener('load', whenIdle, { once: true })
}

/**
 * A component whose code (and whatever it reads) loads after the first
 * screen: render it below what is already on screen, so its arrival moves
 * nothing (layout shift).
 */
export function afterFirstScreenComponent(load: () => Promise<Component>): Component {
  return defineAsyncComponent(() =>
    new Promise<void>((resolve) => afterFirstScreen(resolve)).then(load),
  )
}
