/** Recognise database errors that mean "the client asked for something that already exists". */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false
  const { code } = error
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}

/**
 * Failures of the server's own machinery rather than of the request: no
 * space left to write (`storage_full`), or no database to talk to
 * (`database_unavailable`). Neither changes anything, and both pass without a
 * restart, so plugins/errors.ts answers them as "try again later", not 500.
 */
export type InfrastructureFault = 'storage_full' | 'database_unavailable'

/** Error codes of the OS, SQLite and PostgreSQL (SQLSTATE) that mean a full disk. */
const STORAGE_FULL_CODES = new Set([
  'ENOSPC', // a file write (no space left on device)
  'EDQUOT', // a file write over the user's disk quota
  'SQLITE_FULL', // SQLite maps ENOSPC/EDQUOT and max_page_count to this
  '53100', // PostgreSQL disk_full
])

/** Connection-level codes: the database is down, restarting or unreachable. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: the server was stopped or restarted
  '57P02', // crash_shutdown: another backend crashed, the server resets
  '57P03', // cannot_connect_now: starting up or in recovery
  '53000', // insufficient_resources
  '53200', // out_of_memory
  '53300', // too_many_connections
  'SQLITE_BUSY', // another process held the file past busy_timeout
  'SQLITE_CANTOPEN',
])

/**
 * node-postgres raises plain Errors without a code when a connection drops
 * under it or cannot be made in time.
 */
const UNAVAILABLE_MESSAGE =
  /^Connection terminated|timeout exceeded when trying to connect|is not queryable|Connection closed/

/**
 * What kind of infrastructure failure `error` is, looking through `cause`
 * chains and AggregateErrors (a host name with two addresses refuses twice);
 * null when it is anything else.
 */
export function infrastructureFault(error: unknown): InfrastructureFault | null {
  const seen = new Set<unknown>()
  const queue: unknown[] = [error]
  while (queue.length > 0) {
    const current = queue.shift()
    if (typeof current !== 'object' || current === null || seen.has(current)) continue
    seen.add(current)
    const code = 'code' in current && typeof current.code === 'string' ? current.code : ''
    if (STORAGE_FULL_CODES.has(code)) return 'storage_full'
    // SQLSTATE class 08: connection exceptions (08000, 08003, 08006, 08001, 08004…).
    if (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return 'database_unavailable'
    if (current instanceof Error && UNAVAILABLE_MESSAGE.test(current.message)) {
      return 'database_unavailable'
    }
    if ('cause' in current) queue.push(current.cause)
    if (current instanceof AggregateError) queue.push(...(current.errors as unknown[]))
  }
  return null
}
