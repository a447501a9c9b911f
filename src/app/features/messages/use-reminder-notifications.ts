/**
 * System notifications (Notification API) for new messages, when the person
 * allowed them: only messages that appear while the app runs (after a sync
 * brings them, or a new day makes a deadline near) — the ones already there
 * when the app opened are in the badge, not announced again. Shown through
 * the service worker where there is one (Android Chrome has no
 * `new Notification`); a tap opens the message's record
 * (public/sw-notifications.js). No Web Push: see docs/field.md.
 */
import { ref, watch, type Ref } from 'vue'
import { newReminders } from '#shared/reminders/reminders.ts'
import type { Reminder } from '#shared/reminders/reminders.types.ts'
import { i18n } from '#app/i18n/index.ts'
import { messagesMessages } from './messages.ts'

/** What the browser allows: 'unsupported' where there is no Notification API. */
export type NotifyPermission = NotificationPermission | 'unsupported'

function currentPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission
}

async function show(title: string, body: string, tag: string, path: string): Promise<void> {
  const options: NotificationOptions = { body, tag, icon: '/icons/icon-192.png', data: { path } }
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined)
  if (registration) return registration.showNotification(title, options)
  const notification = new Notification(title, options)
  notification.onclick = () => {
    window.focus()
    window.location.assign(path)
  }
}

export function useReminderNotifications(
  reminders: Ref<readonly Reminder[]>,
  readIds: Ref<ReadonlySet<string>>,
  isReady: Ref<boolean>,
) {
  const permission = ref<NotifyPermission>(currentPermission())
  /** The ids seen so far; null until the first complete computation (the baseline). */
  let known: Set<string> | null = null

  watch([reminders, isReady], ([now, ready]) => {
    if (!ready) return
    const fresh = known ? newReminders(now, known, readIds.value) : []
    known = new Set(now.map((reminder) => reminder.id))
    if (fresh.length === 0 || currentPermission() !== 'granted') return
    void announce(fresh)
  })

  async function announce(fresh: readonly Reminder[]): Promise<void> {
    await messagesMessages.load()
    const { t } = i18n.global
    const [first] = fresh
    if (!first) return
    const title = fresh.length === 1 ? t(`messages.kind.${first.kind}`) : t('messages.title')
    const body =
      fresh.length === 1 ? first.title : t('messages.notify.summary', { count: fresh.length })
    const path = fresh.length === 1 ? first.path : '/messages'
    // A failure to show (a browser that changed its mind) must never break the app.
    await show(title, body, fresh.length === 1 ? first.id : 'messages', path).catch(() => undefined)
  }

  /** Asks the browser for permission; call from a tap (browsers ignore it otherwise). */
  async function enable(): Promise<void> {
    if (typeof Notification === 'undefined') return
    permission.value = await Notification.requestPermission()
  }

  return { permission, enable }
}
