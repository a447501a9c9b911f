/**
 * The county's working-day tables in the environment (ISSUE_STAGE_DEADLINES,
 * SELF_CORRECTION_STEP_DAYS): `name=days` entries, comma-separated, each
 * overriding one default; read at startup, so a mistyped entry stops the
 * server with the entry named rather than running on a wrong deadline.
 */

/**
 * `value` of environment variable `variable` read as a table over `defaults`
 * keyed by `names` (each a `noun`: stage, step), 1–365 working days each;
 * throws naming the first bad entry.
 */
export function parseDaysTable<Name extends string>(
  variable: string,
  value: string | undefined,
  noun: string,
  names: readonly Name[],
  defaults: Readonly<Record<Name, number>>,
): Record<Name, number> {
  const table: Record<Name, number> = { ...defaults }
  for (const entry of (value ?? '').split(',').map((part) => part.trim())) {
    if (entry === '') continue
    const [name, days, ...rest] = entry.split('=').map((part) => part.trim())
    const known = names.find((candidate) => candidate === name)
    const count = Number(days)
    if (!known || rest.length > 0 || !/^\d+$/.test(days ?? '') || count < 1 || count > 365) {
      throw new Error(
        `${variable}: "${entry}" is not <${noun}>=<working days 1–365>; ${noun}s: ${names.join(', ')}`,
      )
    }
    table[known] = count
  }
  return table
}
