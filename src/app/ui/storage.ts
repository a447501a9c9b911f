/** What the browser lets us keep: usage, quota and whether storage is persistent. */

export interface StorageInfo {
  usage: number | null
  quota: number | null
  isPersisted: boolean
}

export async function storageInfo(): Promise<StorageInfo> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined
  const estimate = await storage?.estimate?.().catch(() => undefined)
  const isPersisted = (await storage?.persisted?.().catch(() => false)) ?? false
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, isPersisted }
}

/**
 * Asks the browser not to evict our data under storage pressure. Unsynced
 * records live only on this device, so we ask as soon as someone signs in.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false
  } catch {
    return false
  }
}

/** 1536 → "1.5 KB"; null → "". */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return ''
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}
