/**
 * The frame of a form page in one call: its submit state (use-submit.ts),
 * its fields' texts and errors (fields.ts) and what FormPage.vue draws
 * around the form (title, submit text, `data-test` prefix, saving state, a
 * restored draft, readiness). The page names them once here and binds the
 * frame: `<FormPage v-bind="frame" @submit="save">`. Pages whose fields are
 * only data go one step further with use-record-form.ts, which builds on this.
 * Imported only by form pages, so zod stays out of the first screen.
 */
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { useI18n } from 'vue-i18n'
import type { MessageKey } from '#app/i18n/keys.ts'
import { provideFields } from './fields.ts'
import { useSubmit } from './use-submit.ts'

export interface FormPageOptions {
  /** The i18n prefix of the fields' texts (`<texts>.<name>`, see fields.ts); none when absent. */
  texts?: string
  /** The nav bar's title (it may follow the page, e.g. add or edit). */
  title: MaybeRefOrGetter<MessageKey>
  /** The submit button's text; 保存 when absent. */
  save?: MessageKey
  /** The submit button's text while busy; a spinner alone when absent. */
  saving?: MessageKey
  /** Starts the `data-test` of the form and its button: `<test>-form`, `<test>-save`. */
  test: string
  /** The form was refilled from its draft (`useDraft().isRestored`). */
  isRestored?: MaybeRefOrGetter<boolean>
  /** The form is shown only when this holds (e.g. its record has arrived). */
  isReady?: MaybeRefOrGetter<boolean>
}

export function useFormPage(options: FormPageOptions) {
  const { t } = useI18n()
  const { errors, isSaving, validate, submit } = useSubmit()
  if (options.texts !== undefined) provideFields(errors, options.texts)
  const frame = computed(() => ({
    title: t(toValue(options.title)),
    submitText: options.save && t(options.save),
    savingText: options.saving && t(options.saving),
    test: options.test,
    isSaving: isSaving.value,
    isRestored: toValue(options.isRestored) ?? false,
    isReady: toValue(options.isReady) ?? true,
  }))
  return { errors, isSaving, validate, submit, frame }
}
