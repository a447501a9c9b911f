/**
 * Fields that name or reach a person, or carry staff's internal notes: no
 * public answer (no account) may hold one at any depth. Public-route tests
 * walk every key of every answer against this list (issue #17).
 */
export const PERSONAL_FIELDS = [
  'name',
  'phone',
  'userId',
  'userName',
  'byName',
  'actorId',
  'updatedByName',
  'publishedByName',
  'createdByName',
  'residentName',
  'residentPhone',
  'reporterName',
  'reporterPhone',
  'idNumber',
  'address',
  'ledger',
  'notes',
  'internalNote',
  'reason',
] as const

/** The dotted paths of every key of `value` (at any depth) that is a personal field. */
export function personalFieldsIn(value: unknown, at = ''): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => personalFieldsIn(item, `${at}[${index}]`))
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, inner]) => [
    ...((PERSONAL_FIELDS as readonly string[]).includes(key) ? [`${at}.${key}`] : []),
    ...personalFieldsIn(inner, `${at}.${key}`),
  ])
}
