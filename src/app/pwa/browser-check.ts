/**
 * Can this browser keep data offline? WeChat's in-app browser (and some other
 * web views) lack service workers on iOS and never grant persistent storage,
 * so a grid worker could lose what they typed. We feature-detect first and
 * use the user agent only to word the guide.
 */

export interface BrowserReport {
  isWeChat: boolean
  hasServiceWorker: boolean
  hasIndexedDb: boolean
}

export function isWeChatUserAgent(userAgent: string): boolean {
  return /MicroMessenger|WeiXin|wxwork/i.test(userAgent)
}

/** Opens a throwaway IndexedDB database: private modes and some web views refuse. */
export async function canOpenIndexedDb(factory: IDBFactory | undefined): Promise<boolean> {
  if (!factory) return false
  return new Promise((resolve) => {
    try {
      const request = factory.open('shuoshi-probe')
      request.onsuccess = () => {
        request.result.close()
        resolve(true)
      }
      request.onerror = () => resolve(false)
      request.onblocked = () => resolve(true)
    } catch {
      resolve(false)
    }
  })
}

export async function checkBrowser(): Promise<BrowserReport> {
  return {
    isWeChat: isWeChatUserAgent(navigator.userAgent),
    hasServiceWorker: 'serviceWorker' in navigator,
    hasIndexedDb: await canOpenIndexedDb(globalThis.indexedDB),
  }
}

/** Show the "open in the system browser" guide when offline work is at risk. */
export function needsBrowserGuide(report: BrowserReport): boolean {
  return report.isWeChat || !report.hasServiceWorker || !report.hasIndexedDb
}
