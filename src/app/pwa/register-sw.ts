/**
 * Registers the service worker with workbox-window. A new version waits until
 * the user taps "刷新" (never mid-form), then takes over and the page reloads.
 */
import { Workbox } from 'workbox-window'

let workbox: Workbox | undefined

/** Registers once; `onUpdateWaiting` runs when a new version is installed and waiting. */
export function registerServiceWorker(onUpdateWaiting: () => void): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  workbox = new Workbox('/sw.js')
  workbox.addEventListener('waiting', onUpdateWaiting)
  workbox.addEventListener('controlling', (event) => {
    if (event.isUpdate) window.location.reload()
  })
  void workbox.register()
  // Look for a new version whenever the app comes back to the foreground.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void workbox?.update()
  })
}

export function applyUpdate(): void {
  workbox?.messageSkipWaiting()
}
