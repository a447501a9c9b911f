/**
 * Drafts of the meeting forms (plan, minutes): every change is written,
 * debounced, to the device's settings under `key` for the signed-in user,
 * and restored when the form opens again — a dead battery in the middle of a
 * discussion day loses nothing. The same guarantee as the issue capture's
 * draft (use-capture-form.ts), for any plain form object.
 */
import { onBeforeUnmount, ref, toRaw, watch } from 'vue'
import { appDb } from '#app/db/app-db.ts'

const DRAFT_DELAY_MS = 500

/** A deep plain copy (IndexedDB cannot store Vue's proxies). */
function plain<T>(value: T): T {
  return structuredClone<T>(toRaw(value))
}

export function useMeetingDraft<T extends object>(
  key: string,
  userId: () => string | undefined,
  form: T,
  isBlank: (form: T) => boolean,
) {
  const isRestored = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let isWatching = false

  async function writeDraft(): Promise<void> {
    timer = undefined
    const owner = userId()
    if (!owner) return
    if (isBlank(form)) await appDb.settings.delete(key)
    else await appDb.settings.put({ key, value: { userId: owner, form: plain(form) } })
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
  onBeforeUnmount(() => {
    if (timer !== undefined && isWatching) {
      clearTimeout(timer)
      void writeDraft()
    }
  })

  /** Restores this user's draft over the form's known fields; true when there was one. */
  async function restoreDraft(): Promise<boolean> {
    const value: unknown = (await appDb.settings.get(key))?.value
    let hasDraft = false
    if (typeof value === 'object' && value !== null && 'userId' in value && 'form' in value) {
      const stored = value.form
      if (value.userId === userId() && typeof stored === 'object' && stored !== null) {
        const known = Object.keys(form)
        for (const [field, saved] of Object.entries(stored)) {
          // A draft from an older form keeps only the fields of the same shape.
          const current: unknown = Reflect.get(form, field)
          if (known.includes(field) && Array.isArray(current) === Array.isArray(saved))
            Reflect.set(form, field, saved)
        }
        hasDraft = true
      }
    }
    isRestored.value = hasDraft
    isWatching = true
    return hasDraft
  }

  /** Forgets the draft (after a save, or on request); the form is left to the caller. */
  async function clearDraft(keepWatching = true): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    isWatching = false
    await appDb.settings.delete(key)
    isRestored.value = false
    setTimeout(() => (isWatching = keepWatching))
  }

  return { isRestored, restoreDraft, clearDraft }
}
