/**
 * What a form's fields share: where their texts live and the form's errors.
 * The form provides them once (`provideFields(errors, 'policy.fields')`);
 * each field (TextField.vue, ChoiceField.vue) then needs only its name to
 * find its label (`policy.fields.title`), its placeholder
 * (`policy.fields.titlePlaceholder`, when that text exists) and its error
 * (`errors.title`), so a field is one line in the template.
 */
import { computed, inject, provide, toValue, type InjectionKey, type MaybeRefOrGetter } from 'vue'
import { useI18n } from 'vue-i18n'
import type { MessageKey } from '#app/i18n/keys.ts'

/** A form's errors by field name (`useSubmit().errors`, or a component's `errors` prop). */
export type FieldErrors = MaybeRefOrGetter<Partial<Record<string, string>>>

interface FieldContext {
  errors: FieldErrors
  texts: string
}

const FIELDS: InjectionKey<FieldContext> = Symbol('record-fields')

/** Gives the fields below this component their texts' prefix and the form's errors. */
export function provideFields(errors: FieldErrors, texts: string): void {
  provide(FIELDS, { errors, texts })
}

/** What a field shows beside its control: label, placeholder and error. */
export interface FieldTextProps {
  /** The field's name: the key of its error and, after the provided prefix, of its texts. */
  name: string
  /** The i18n key of its label when it is not `<prefix>.<name>`; its placeholder is `<text>Placeholder`. */
  text?: MessageKey
  /** An error not in the form's errors (e.g. from the page's own check). */
  error?: string
}

export function useFieldTexts(props: FieldTextProps) {
  const context = inject(FIELDS, { errors: {}, texts: '' })
  const { t, te } = useI18n()
  const key = computed(() => props.text ?? `${context.texts}.${props.name}`)
  return {
    // A missing text shows its key, which the e2e tests and a reviewer see.
    label: computed(() => (te(key.value) ? t(key.value) : key.value)),
    placeholder: computed(() => {
      const placeholder = `${key.value}Placeholder`
      return te(placeholder) ? t(placeholder) : undefined
    }),
    error: computed(() => props.error ?? toValue(context.errors)[props.name]),
  }
}
