/**
 * Form validation with the record's zod schema, messages in Chinese. Imported
 * only by form pages, so zod stays out of the first screen's bundle.
 */
import { z } from 'zod'

z.config(z.locales.zhCN())

/** Parses `input`; on failure returns the first message per top-level field. */
export function validateForm<T>(
  schema: z.ZodType<T>,
  input: unknown,
): { data: T; errors: null } | { data: null; errors: Record<string, string> } {
  const result = schema.safeParse(input)
  if (result.success) return { data: result.data, errors: null }
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_'
    errors[key] ??= issue.message
  }
  return { data: null, errors }
}
