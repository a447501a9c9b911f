/**
 * Errors of a long form that is submitted from its bottom (the public ballot,
 * the public opinion form): each message next to its field, then the first
 * one scrolled into view, focused and repeated in a live region next to the
 * button just tapped, so the resident does not see "nothing happen" (#12.2).
 */
import { nextTick, ref } from 'vue'

/**
 * `errorSelector` finds the rendered messages in page order; `fixFirst` words
 * the announcement of the first one.
 */
export function useErrorAnnouncement(errorSelector: string, fixFirst: (message: string) => string) {
  const errors = ref<Record<string, string>>({})
  const announcement = ref('')

  /** Waits for the render, so the messages exist when they are looked for. */
  async function showErrors(next: Record<string, string>): Promise<void> {
    errors.value = next
    announcement.value = ''
    await nextTick()
    const first = document.querySelector<HTMLElement>(errorSelector)
    const field = first?.closest<HTMLElement>('.van-field, fieldset') ?? first
    field?.scrollIntoView({ block: 'center' })
    field?.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true })
    const message = first?.textContent?.trim() ?? ''
    if (message) announcement.value = fixFirst(message)
  }

  function clearErrors(): void {
    errors.value = {}
    announcement.value = ''
  }

  return { errors, announcement, showErrors, clearErrors }
}
