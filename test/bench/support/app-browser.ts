/**
 * Debian's Chromium on the real app, for the browser benchmarks: a fresh
 * on-disk profile (IndexedDB on disk, as on a phone) driven by playwright-core,
 * optionally with a DevTools port so that Lighthouse can open its own tab in
 * the same profile (same cookies, same IndexedDB: a signed-in device). A
 * profile kept at close can be copied into the next browser, so that every
 * Lighthouse run starts a fresh Chromium on the same device state.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { CHROMIUM_LAUNCH } from '../../support/chromium.ts'

export interface AppBrowser {
  context: BrowserContext
  page: Page
  /** The profile folder (removed at close unless kept). */
  profile: string
  close(options?: { keepProfile?: boolean }): Promise<void>
}

export async function openAppBrowser(
  baseUrl: string,
  options: { debuggingPort?: number; copyOfProfile?: string } = {},
): Promise<AppBrowser> {
  // The app marks elements for tests with data-test (STYLE.md), as in test/e2e.
  selectors.setTestIdAttribute('data-test')
  const profile = await mkdtemp(join(tmpdir(), 'shuoshi-bench-profile-'))
  let context: BrowserContext | null = null
  const close = async ({ keepProfile = false } = {}) => {
    await context?.close().catch(() => undefined)
    if (!keepProfile) await rm(profile, { recursive: true, force: true })
  }
  try {
    if (options.copyOfProfile) await cp(options.copyOfProfile, profile, { recursive: true })
    const args = [...CHROMIUM_LAUNCH.args]
    if (options.debuggingPort) args.push(`--remote-debugging-port=${options.debuggingPort}`)
    context = await chromium.launchPersistentContext(profile, {
      ...CHROMIUM_LAUNCH,
      args,
      baseURL: baseUrl,
      locale: 'zh-CN',
      viewport: { width: 360, height: 740 },
    })
    const page = context.pages()[0] ?? (await context.newPage())
    return { context, page, profile, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** Signs `phone` in through the API: the session cookie lands in the profile. */
export async function signInByApi(context: BrowserContext, phone: string): Promise<void> {
  const response = await context.request.post('/api/auth/login', {
    data: { phone, password: DEMO_PASSWORD },
  })
  if (!response.ok()) throw new Error(`login as ${phone}: ${response.status()}`)
}

/**
 * Resolves when the app has finished a sync since `since` (ISO time): the
 * sync engine writes `lastSuccessAt` into the device database's `syncMeta`
 * row once it has pushed and pulled until the server had nothing more.
 */
export async function waitForSyncAfter(page: Page, since: string, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs
  // Polled from here: waitForFunction would take the predicate's promise as truthy.
  while (!(await lastSyncIsAfter(page, since))) {
    if (Date.now() > deadline) throw new Error(`no complete sync within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

function lastSyncIsAfter(page: Page, since: string): Promise<boolean> {
  return page.evaluate(
    (after) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('shuoshi')
        // Not created yet: abort, so that the app's Dexie builds it with its schema.
        open.onupgradeneeded = () => open.transaction?.abort()
        open.onerror = () => resolve(false)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains('syncMeta')) {
            db.close()
            return resolve(false)
          }
          const get = db.transaction('syncMeta').objectStore('syncMeta').get('state')
          get.onsuccess = () => {
            db.close()
            const at = (get.result as { lastSuccessAt?: string } | undefined)?.lastSuccessAt
            resolve(typeof at === 'string' && at > after)
          }
          get.onerror = () => {
            db.close()
            resolve(false)
          }
        }
      }),
    since,
  )
}
