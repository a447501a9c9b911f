/**
 * The one text rule (issue #22): every free-text field, on every form and in
 * every payload, is cleaned and checked the same way, so what SQLite stores
 * PostgreSQL stores too, byte for byte, and what a person sees is what was
 * typed:
 * - NFC: "e\u0301" and "é" are one text, compared and stored as "é";
 * - trimmed, including zero-width spaces and joiners at either end;
 * - no control characters (C0, C1, DEL); a multi-line field keeps line feeds
 *   and tabs, with CR LF and CR turned into LF;
 * - no bidirectional embedding, override or isolate controls (they make a
 *   ledger line read differently from what it holds);
 * - no lone surrogates (UTF-8 cannot encode them: a driver silently turns
 *   them into U+FFFD);
 * - a required field has at least one visible character; an optional one is
 *   empty or has one.
 * Passwords are secrets, not text: they are never normalised (see
 * `isSafeString`, which the server applies to every string it receives).
 */
import { z } from 'zod'

/** C0 and C1 controls and DEL. */
const CONTROL = /\p{Cc}/u
/** The same, minus line feed and tab, which multi-line fields keep. */
const CONTROL_BUT_NEWLINE = /(?![\n\t])\p{Cc}/u
/** Bidirectional embeddings, overrides and isolates (LRE…RLO, LRI…PDI). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u
/** With the `u` flag a well-formed pair is one code point; only a lone half is Cs. */
const LONE_SURROGATE = /\p{Cs}/u
/** Whitespace and zero-width characters that a trim removes at either end. */
const EDGE_BLANKS = /^[\s\u200B-\u200D\u2060\u180E]+|[\s\u200B-\u200D\u2060\u180E]+$/gu
/** A character that shows: not a space, control, format, combining or default-ignorable one. */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}\u2800]/u

/**
 * True when a string may be stored at all: it holds no U+0000 (PostgreSQL's
 * text type refuses it) and no lone surrogate (UTF-8 cannot encode one).
 * The server refuses any request with a string that fails this, whatever the
 * field (src/server/plugins/text-guard.ts).
 */
export function isSafeString(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value)
}

/**
 * The path (`a.b.0.c`) of the first string in a JSON value, key or value,
 * that fails `isSafeString`; null when there is none. `skip` leaves out the
 * subtrees whose paths it accepts (checked by their owner instead).
 */
export function findUnsafeString(
  value: unknown,
  skip: (path: readonly string[]) => boolean = () => false,
  path: readonly string[] = [],
): string | null {
  if (path.length > 0 && skip(path)) return null
  if (typeof value === 'string') return isSafeString(value) ? null : path.join('.') || '_'
  // Bytes (a photo upload) are not text.
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return null
  for (const [key, item] of Object.entries(value)) {
    const here = [...path, key]
    if (!isSafeString(key)) return here.join('.')
    const found = findUnsafeString(item, skip, here)
    if (found !== null) return found
  }
  return null
}

/** The text a field stores for `value`: NFC, line ends unified, blanks trimmed at the ends. */
export function cleanText(value: string, multiline = false): string {
  const lines = multiline ? value.replace(/\r\n?/g, '\n') : value
  return lines.normalize('NFC').replace(EDGE_BLANKS, '')
}

/** True when `value` holds a character that shows (not only spaces or zero-width ones). */
export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value)
}

/** The reason a cleaned text breaks the character rules, or null. */
export function textProblem(value: string, multiline = false): string | null {
  if (LONE_SURROGATE.test(value)) return '含有无法识别的字符'
  if ((multiline ? CONTROL_BUT_NEWLINE : CONTROL).test(value)) {
    return multiline ? '不能包含控制字符' : '不能包含换行或控制字符'
  }
  if (BIDI_CONTROL.test(value)) return '不能包含文字方向控制字符'
  return null
}

/** Options of a text field. */
export interface TextOptions {
  /** Longest text, in UTF-16 code units after cleaning (a Chinese character counts one). */
  max: number
  /** The message when the field is missing, empty or invisible (required fields). */
  missing?: string
  /** The message when the text is too long; `不超过{max}字` by default. */
  tooLong?: string
  /** A multi-line field (description, minutes): keeps line feeds and tabs. */
  multiline?: boolean
}

function baseText({ max, missing, tooLong, multiline = false }: TextOptions) {
  return z
    .string({ error: missing ?? '格式不正确' })
    .overwrite((value) => cleanText(value, multiline))
    .check((ctx) => {
      const problem = textProblem(ctx.value, multiline)
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
    })
    .max(max, tooLong ?? `不超过${max}字`)
}

/**
 * A required text field: cleaned by the rule above and at least one visible
 * character long. `text({ max: 60, missing: '请填写标题' })`.
 */
export function text(options: TextOptions) {
  const missing = options.missing ?? '请填写内容'
  return baseText({ ...options, missing }).refine(hasVisibleCharacter, missing)
}

/**
 * A text field that may be left empty: cleaned by the same rule; after
 * cleaning it is '' or holds a visible character. Add `.optional()` or
 * `.default('')` for a field that may be absent.
 */
export function optionalText(options: TextOptions) {
  return baseText(options).refine(
    (value) => value === '' || hasVisibleCharacter(value),
    options.missing ?? '内容不能只有空白字符',
  )
}
