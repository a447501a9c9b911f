/** How a message reads in the list: what happened (its kind) and the details line. */
import type { Reminder } from '#shared/reminders/reminders.types.ts'
import type { MessageKey } from '#app/i18n/keys.ts'

type Translate = (key: MessageKey, values?: Record<string, unknown>) => string

/** The line under the record's title: the ledger step, the due date or the day's date. */
export function reminderDetail(reminder: Reminder, t: Translate): string {
  switch (reminder.kind) {
    case 'dueSoon':
      return t('messages.dueOn', { date: reminder.due ?? '' })
    case 'overdue':
      return t('messages.lateBy', { days: reminder.daysLate ?? 0, date: reminder.due ?? '' })
    case 'invited':
      return t('messages.dayOn', { date: reminder.due ?? '' })
    default:
      switch (reminder.action) {
        case 'register':
        case 'escalate':
        case 'dispatch':
        case 'return_to_village':
        case 'return_to_township':
        case 'resolve_locally':
        case 'resolve_by_township':
        case 'reply':
        case 'feedback':
          return t(`messages.action.${reminder.action}`)
        default:
          return ''
      }
  }
}
