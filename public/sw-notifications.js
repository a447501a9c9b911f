// Imported by the generated service worker (vite.config.ts, workbox.importScripts):
// a tap on a message's system notification (src/app/features/messages/
// use-reminder-notifications.ts) focuses an open window of the app and opens the
// message's record there, or opens the app at it.
self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const data = event.notification.data
  const path =
    data && typeof data.path === 'string' && /^\/(?!\/)/.test(data.path) ? data.path : '/messages'
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => 'navigate' in client)
      if (open) return open.focus().then(() => open.navigate(path))
      return self.clients.openWindow(path)
    }),
  )
})
