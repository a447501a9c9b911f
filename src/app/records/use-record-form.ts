/**
 * A record form page in one call: its values, its fields (field-specs.ts),
 * the frame FormPage draws (title, submit text, `data-test` prefix, saving
 * state, the fields) and its submit handler (validate → save → go to the
 * saved record). The page then says only what differs: `<FormPage
 * v-bind="frame" @submit="save" />`, with extra groups in its slot.
 * Imported only by form pages, so zod stays out of the first screen.
 */
import { computed, reactive, type UnwrapNestedRefs } from 'vue'
import type { RouteLocationRaw } from 'vue-router'
import type { z } from 'zod'
import type { MessageKey } from '#app/i18n/keys.ts'
import { fieldGroups, type FieldEntry } from './field-specs.ts'
import { useFormPage } from './use-form-page.ts'

export interface RecordFormOptions<F extends object, R> {
  /** The i18n prefix of the fields' texts (`<texts>.<name>`, see fields.ts). */
  texts: string
  /** The nav bar's title. */
  title: MessageKey
  /** The submit button's text; 保存 when absent. */
  save?: MessageKey
  /** Starts the `data-test` of the form and its button: `<test>-form`, `<test>-save`. */
  test: string
  /** The form's first values. */
  values: F
  /** The fields in this order, in inset groups split by NEXT_GROUP; `false` leaves one out. */
  fields?: (form: UnwrapNestedRefs<F>) => FieldEntry[]
  /** Where a save leads, from what it resolved with (a new record's id, or true). */
  to: (saved: R) => RouteLocationRaw
}

export function useRecordForm<F extends object, R = string>(options: RecordFormOptions<F, R>) {
  const page = useFormPage(options)
  const { errors, isSaving, validate, submit } = page
  const form = reactive(options.values)
  const frame = computed(() => ({
    ...page.frame.value,
    groups: options.fields && fieldGroups(options.fields(form)),
    model: form as Record<string, unknown>,
  }))

  /**
   * The submit handler: parses `input()` with `schema` (reasons shown by the
   * fields) and saves the data; a save that resolves with null/false/undefined
   * was refused (its reason was shown) and the form stays.
   */
  function onSubmit<T>(
    schema: z.ZodType<T>,
    input: () => unknown,
    save: (data: T) => Promise<R | null | undefined | false>,
  ): () => Promise<void> {
    return async () => {
      const data = validate(schema, input())
      if (data === null) return
      await submit(async () => {
        const saved = await save(data)
        return saved === null || saved === undefined || saved === false ? null : options.to(saved)
      })
    }
  }

  return { form, errors, isSaving, frame, validate, submit, onSubmit }
}
