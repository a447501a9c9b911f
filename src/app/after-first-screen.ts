/**
 * The one way work the first screen does not need waits for it: until the
 * page has loaded and the main thread is idle, so that on a slow phone it
 * never delays the screen's paint or its first tap. Used for the tab bar's
 * unsynced count and the parts of a page that come after it (the work desk
 * on 首页, through `afterFirstScreenComponent`); the sync engine waits
 * longer, until those have settled too (`afterFirstScreenSettles`, App.vue).
 * Safari has no requestIdleCallback: a short timeout stands in.
 */
import { defineAsyncComponent, type Component } from 'vue'

const IDLE_TIMEOUT_MS = 2000
/**
 * An idle period this long means nothing else waits on the main thread: the
 * browser grants at most 50 ms, and less when a task or frame is due.
 */
const QUIET_IDLE_MS = 45
/** A phone that is never quiet still starts its deferred work after this. */
const SETTLE_TIMEOUT_MS = 4000

/** Resolves in the main thread's next idle period (a new task). */
export function nextIdle(): Promise<IdleDeadline | null> {
  return new Promise((resolve) => {
    if ('requestIdleCallback' in window) {
      window.requestIdleCallback(resolve, { timeout: IDLE_TIMEOUT_MS })
    } else setTimeout(() => resolve(null), 200)
  })
}

/** Runs `work` once the page has loaded and the main thread is idle. */
export function afterFirstScreen(work: () => void): void {
  const whenIdle = () => void nextIdle().then(() => work())
  if (document.readyState === 'complete') whenIdle()
  else window.addEventListener('load', whenIdle, { once: true })
}

/**
 * Runs `work` after `afterFirstScreen`'s work has had its turn: once an idle
 * period finds the main thread quiet (the first screen's own reads, the
 * desk's counts and the tab bar's have rendered), or after a few seconds on
 * a phone that is never quiet.
 */
export function afterFirstScreenSettles(work: () => void): void {
  afterFirstScreen(() => {
    const until = Date.now() + SETTLE_TIMEOUT_MS
    const waitForQuiet = async () => {
      for (;;) {
        const deadline = await nextIdle()
        if (!deadline || deadline.timeRemaining() >= QUIET_IDLE_MS || Date.now() > until) break
      }
      work()
    }
    void waitForQuiet()
  })
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
