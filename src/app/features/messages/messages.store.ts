/**
 * The message centre on this device (消息, issue #21.1): the lean rows of
 * issue reports and discussion days (src/app/db/list-rows.ts), the rules of
 * src/shared/reminders over them, and the signed-in user's read state, kept
 * in the device's settings table per user (never synced: reading is
 * personal, and a message is derived from records every device has). One
 * store serves the badge, the desk's summary, the page and the system
 * notifications, so the rules run once per change.
 */
import { defineStore, storeToRefs } from 'pinia'
import { liveQuery } from 'dexie'
import { computed, onScopeDispose, shallowRef, watch } from 'vue'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { deriveReminders, summarizeReminders } from '#shared/reminders/reminders.ts'
import type {
  Reminder,
  ReminderEvent,
  ReminderIssueData,
} from '#shared/reminders/reminders.types.ts'
import { appDb } from '#app/db/app-db.ts'
import { isIssueListData, type IssueListData } from '#app/db/list-rows.ts'
import { isMeetingListData, MEETING_ROWS } from '#app/db/desk-projections.ts'
import { useListRows } from '#app/records/use-kind-rows.ts'
import { useLivelihoodLinks } from '#app/records/use-livelihood-links.ts'
import { useAuthStore } from '#app/features/auth/index.ts'
import { useReminderNotifications } from './use-reminder-notifications.ts'

/** The settings key of a user's read messages. */
const readKey = (userId: string) => `messages:read:${userId}`

/**
 * Read ids kept per user: the newest this many. A message older than the
 * rules' window is gone anyway, so the cap only bounds a long-lived device.
 */
const MAX_READ_IDS = 2000

/**
 * A lean row as the rules read it: its latest entries after the
 * registration, which the row keeps as `createdAt` and `reporterId` rather
 * than as an entry (list-rows.ts).
 */
function reminderData(data: IssueListData): ReminderIssueData {
  const registered: ReminderEvent = {
    id: '1',
    action: 'register',
    toStatus: 'registered',
    actorId: data.reporterId,
    at: data.createdAt,
  }
  const later = (data.latestEvents ?? []).filter((event) => event.id !== '1')
  return { ...data, events: [registered, ...later] }
}

export const useMessagesStore = defineStore('messages', () => {
  const { me } = storeToRefs(useAuthStore())
  const issues = useListRows('issue', isIssueListData)
  const meetings = useListRows(MEETING_ROWS, isMeetingListData)
  const livelihood = useLivelihoodLinks()

  /** Today in China; refreshed when the rules run again (a new day brings new deadlines). */
  const today = shallowRef(chinaDate(new Date().toISOString()))
  const dayTimer = setInterval(() => {
    const now = chinaDate(new Date().toISOString())
    if (now !== today.value) today.value = now
  }, 60_000)
  onScopeDispose(() => clearInterval(dayTimer))

  const isLoaded = computed(
    () => issues.isLoaded.value && meetings.isLoaded.value && livelihood.isLoaded.value,
  )

  const reminders = computed<Reminder[]>(() => {
    const current = me.value
    if (!current || !isLoaded.value) return []
    const held = livelihood.heldIds.value
    return deriveReminders(
      {
        issues: issues.rows.value.map(({ id, data }) => ({ id, data: reminderData(data) })),
        meetings: meetings.rows.value,
        isHeldByList: held.size > 0 ? (id) => held.has(id) : undefined,
      },
      {
        userId: current.user.id,
        role: current.user.role,
        orgPath: current.orgUnit.path,
        today: today.value,
      },
    )
  })

  /** The signed-in user's read message ids, live (another tab marking read shows here too). */
  const readIds = shallowRef<ReadonlySet<string>>(new Set())
  const isReadLoaded = shallowRef(false)
  let readWatch: { unsubscribe(): void } | null = null
  watch(
    () => me.value?.user.id ?? null,
    (userId) => {
      readWatch?.unsubscribe()
      readIds.value = new Set()
      isReadLoaded.value = false
      if (!userId) return
      readWatch = liveQuery(() => appDb.settings.get(readKey(userId))).subscribe((row) => {
        const value: unknown = row?.value
        readIds.value = new Set(
          Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [],
        )
        isReadLoaded.value = true
      })
    },
    { immediate: true },
  )
  onScopeDispose(() => readWatch?.unsubscribe())

  const unreadCount = computed(
    () => reminders.value.filter((reminder) => !readIds.value.has(reminder.id)).length,
  )
  const summary = computed(() => summarizeReminders(reminders.value, readIds.value, today.value))

  /** Marks messages read on this device, for the signed-in user (works offline). */
  async function markRead(ids: readonly string[]): Promise<void> {
    const userId = me.value?.user.id
    if (!userId || ids.length === 0) return
    const key = readKey(userId)
    await appDb.transaction('rw', appDb.settings, async () => {
      const value: unknown = (await appDb.settings.get(key))?.value
      const known = Array.isArray(value)
        ? value.filter((id): id is string => typeof id === 'string')
        : []
      const next = [...new Set([...known, ...ids])].slice(-MAX_READ_IDS)
      await appDb.settings.put({ key, value: next })
    })
  }

  const notifications = useReminderNotifications(
    reminders,
    readIds,
    computed(() => isLoaded.value && isReadLoaded.value),
  )

  return {
    reminders,
    readIds,
    unreadCount,
    summary,
    isLoaded,
    today,
    markRead,
    markAllRead: () => markRead(reminders.value.map((reminder) => reminder.id)),
    notifyPermission: notifications.permission,
    enableNotifications: notifications.enable,
  }
})
