/**
 * Drafts of the meeting forms (plan, minutes) through the one draft
 * composable (src/app/ui/use-draft.ts): a dead battery in the middle of a
 * discussion day loses nothing. A draft from an older form keeps only the
 * fields of the same shape.
 */
import { useDraft } from '#app/ui/use-draft.ts'

export function useMeetingDraft<T extends object>(
  key: string,
  userId: () => string | undefined,
  form: T,
  isBlank: (form: T) => boolean,
) {
  return useDraft({ key: () => key, userId, form, isBlank, restore: restoreKnownFields })
}

function restoreKnownFields<T extends object>(form: T, stored: unknown): boolean {
  if (typeof stored !== 'object' || stored === null) return false
  const known = Object.keys(form)
  for (const [field, saved] of Object.entries(stored)) {
    const current: unknown = Reflect.get(form, field)
    if (known.includes(field) && Array.isArray(current) === Array.isArray(saved))
      Reflect.set(form, field, saved)
  }
  return true
}
