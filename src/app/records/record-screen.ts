/**
 * How a record of one kind is shown outside its own screens (e.g. a refused
 * change on the 同步 page): its title for a person and the screen that shows
 * and edits it. Each feature declares its kinds' screens in its own
 * `record-screens.ts` (exporting `RECORD_SCREENS`); the pages that need them
 * collect every feature's file, so a new kind registers nothing elsewhere.
 */
export interface RecordScreen {
  /** The record's title for a person; '' when its data has none. */
  title: (data: Record<string, unknown>) => string
  /** The route of the screen that shows (and edits) the record. */
  link: (id: string, data: Record<string, unknown>) => string
}

/** A feature's `record-screens.ts` exports its kinds' screens under this name. */
export type RecordScreens = Readonly<Record<string, RecordScreen>>

/** A text field of a record's data, or '' when it is absent or not text. */
export const textOf = (value: unknown): string => (typeof value === 'string' ? value : '')
