/**
 * A form's fields as data: a page that is only fields lists them
 * (`useRecordForm({ fields })`) and FormPage draws them through
 * RecordFields.vue, so the page holds what differs (names, limits, options)
 * and not the same tags again. Each entry names its kind by the key that
 * holds the form value's name (`text: 'title'`), so an entry is one line.
 */
/** An option whose text is not a message: e.g. an org unit by name. */
export interface ChoiceOption {
  value: string
  text: string
  /** Ends the option's `data-test`; the value when absent. */
  id?: string
  /** An option set apart, e.g. a village under its township. */
  isMinor?: boolean
}

interface FieldBase {
  /** The field's name (its texts and its error) when it is not the form value's name. */
  name?: string
  /** The field's `data-test` (a text), or the start of its options' (a choice) or its select's. */
  test?: string
  required?: boolean
}

/** A text, number, date or long text (TextField.vue). */
export interface TextSpec extends FieldBase {
  text: string
  type?: 'text' | 'tel' | 'digit' | 'number' | 'date' | 'time' | 'password'
  max?: number
  rows?: number
}

/** One of many options in the device's select list (SelectField.vue); the first is taken while none is. */
export interface SelectSpec extends FieldBase {
  select: string
  options: readonly { value: string; text: string }[]
}

/** One of a few options, or several with `multiple` (ChoiceField.vue). */
export interface ChoiceSpec extends FieldBase {
  choice: string
  options: readonly (string | ChoiceOption)[]
  /** The i18n prefix of the option texts. */
  labels?: string
  multiple?: boolean
  vertical?: boolean
}

/** A line of information between the fields (a hint, a count, a deadline). */
export interface NoteSpec {
  note: { title?: string; label?: string; value?: string }
  test?: string
}

/** A piece the page draws itself (a photo field, addable rows): FormPage's slot of that name. */
export interface SlotSpec {
  slot: string
}

export type FieldSpec = TextSpec | SelectSpec | ChoiceSpec | NoteSpec | SlotSpec

/** Ends an inset group: the fields after it stand in the next. */
export const NEXT_GROUP = '---'

/** A list entry; `false`/`null` leaves a field out (`isApplication && { … }`). */
export type FieldEntry = FieldSpec | typeof NEXT_GROUP | false | null | undefined

/** The entries that are fields, in their inset groups: what a `cond && spec` list leaves. */
export function fieldGroups(entries: readonly FieldEntry[]): FieldSpec[][] {
  const groups: FieldSpec[][] = [[]]
  for (const entry of entries) {
    if (entry === NEXT_GROUP) groups.push([])
    else if (entry) groups[groups.length - 1]?.push(entry)
  }
  return groups.filter((group) => group.length > 0)
}

/** The entries that are fields, as one list for one group (RecordFields.vue's `fields`). */
export function fieldList(entries: readonly FieldEntry[]): FieldSpec[] {
  return fieldGroups(entries).flat()
}
