/**
 * Drafts of forms (issue capture, discussion-day plan and minutes, assessment
 * transcription): every change is written, debounced, to the device's
 * settings under `key` for the signed-in user, and restored when the form
 * opens again — a call, a dead battery or a closed tab loses nothing. One
 * implementation for every form; each form says only how a stored draft goes
 * back into it (old or damaged drafts must still open).
 */
import { onScopeDispose, ref, toRaw, watch } from 'vue'
import { appDb } from '#app/db/app-db.ts'

const DRAFT_DELAY_MS = 500

export interface DraftOptions<T extends object> {
  /** The settings key; null while not known yet (then nothing is read or written). */
  key: () => string | null
  /** The signed-in user: a draft is restored only for the user who wrote it. */
  userId: () => string | undefined
  /** The reactive form object. */
  form: T
  /** A blank form has no draft (its key is deleted instead). */
  isBlank: (form: T) => boolean
  /** Copies a stored form into `form`, ignoring what does not fit; false when nothing was usable. */
  restore: (form: T, stored: unknown) => boolean
}

/** A deep plain copy (IndexedDB cannot store Vue's proxies). */
function plain<T>(value: T): T {
  return structuredClone<T>(toRaw(value))
}

export function useDraft<T extends object>({
  key,
  userId,
  form,
  isBlank,
  restore,
}: DraftOptions<T>) {
  const isRestored = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  // Off until the draft is read, and again once the form is saved.
  let isWatching = false

  async function writeDraft(): Promise<void> {
    timer = undefined
    const owner = userId()
    const at = key()
    if (!owner || !at) return
    if (isBlank(form)) await appDb.settings.delete(at)
    else
      await appDb.settings.put({
        key: at,
        value: { userId: owner, form: plain(form), savedAt: new Date().toISOString() },
      })
  }

  watch(
    () => form,
    () => {
      if (!isWatching) return
      clearTimeout(timer)
      timer = setTimeout(() => void writeDraft(), DRAFT_DELAY_MS)
    },
    { deep: true },
  )
  // Leaving the page within the debounce still keeps the last keystrokes.
  onScopeDispose(() => {
    if (timer !== undefined && isWatching) {
      clearTimeout(timer)
      void writeDraft()
    }
  })

  /** Restores this user's draft, if any; true when there was one. */
  async function restoreDraft(): Promise<boolean> {
    const at = key()
    const value: unknown = at ? (await appDb.settings.get(at))?.value : undefined
    const isOwn =
      typeof value === 'object' &&
      value !== null &&
      'userId' in value &&
      'form' in value &&
      value.userId === userId()
    isRestored.value = isOwn && restore(form, value.form)
    isWatching = true
    return isRestored.value
  }

  /**
   * Forgets the draft; `reset` empties the form first (without that being
   * written back as a draft). `keepWatching` false once the form is saved.
   */
  async function clearDraft(keepWatching = true, reset?: () => void): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    isWatching = false
    reset?.()
    const at = key()
    if (at) await appDb.settings.delete(at)
    isRestored.value = false
    setTimeout(() => (isWatching = keepWatching))
  }

  return { isRestored, restoreDraft, clearDraft }
}
