/**
 * What every form page does on submit: check the input with the record's zod
 * schema (the first Chinese message per field in `errors`), keep the submit
 * button in its saving state while the work runs, and replace the page with
 * where the work says to go (the form is done; 返回 must not reopen it).
 * Imported only by form pages, so zod stays out of the first screen.
 */
import { nextTick, ref } from 'vue'
import { useRouter, type RouteLocationRaw } from 'vue-router'
import type { z } from 'zod'
import { validateForm } from '#app/ui/form-errors.ts'

export function useSubmit() {
  const router = useRouter()
  const errors = ref<Record<string, string>>({})
  const isSaving = ref(false)

  /** Parses `input` with `schema`; the data, or null with `errors` set. */
  function validate<T>(schema: z.ZodType<T>, input: unknown): T | null {
    const parsed = validateForm(schema, input)
    errors.value = parsed.errors ?? {}
    return parsed.data
  }

  /**
   * Runs `work` in the saving state; when it resolves with a place, the
   * page is replaced by it. A refused save resolves with null and the form
   * stays (its reason was shown); a thrown error ends the saving state too.
   */
  async function submit(work: () => Promise<RouteLocationRaw | null | undefined>): Promise<void> {
    isSaving.value = true
    try {
      const to = await work()
      if (to !== null && to !== undefined) await router.replace(to)
    } finally {
      isSaving.value = false
    }
  }

  return { errors, isSaving, validate, submit }
}

/** How a form shows a field's reason: vant's message, a SwitchRow's, any other alert. */
const REASONS = ['.van-field__error-message', '.switch-row__error', '[role="alert"]']

/**
 * Brings the first match of `selector` into view once the render has put the
 * reasons on screen: the submit button is at the bottom of a long form that
 * is filled with one hand, and a reason out of view looks like "nothing happened".
 */
export async function reveal(selector: string): Promise<void> {
  await nextTick()
  document.querySelector(selector)?.scrollIntoView({ block: 'center' })
}

/** Brings the first reason shown inside the form page `page` (its class selector) into view. */
export function revealFirstError(page: string): Promise<void> {
  return reveal(REASONS.map((reason) => `${page} ${reason}`).join(', '))
}
