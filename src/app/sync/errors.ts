/** Errors the sync engine raises for the screens to explain in Chinese. */

/** The device is full: nothing was written, the database is unchanged. */
export class StorageFullError extends Error {
  constructor(cause?: unknown) {
    super('手机存储空间已满，本次内容未保存。请清理手机空间后再试，已保存的内容不受影响。', {
      cause,
    })
  }
}

/** True for IndexedDB's quota error, however Dexie wraps it. */
export function isQuotaError(error: unknown): boolean {
  for (let current = error; current;) {
    if (typeof current !== 'object') return false
    if ('name' in current && current.name === 'QuotaExceededError') return true
    current = 'inner' in current ? current.inner : 'cause' in current ? current.cause : undefined
  }
  return false
}
