/**
 * `npm run bench:net`: the built app on the real server (app-process.ts),
 * in Debian's Chromium with Chrome DevTools network emulation, per link:
 *
 *   cold first screen   a new phone opens /login: ms until the form can be
 *                       used (the submit button shows), and bytes on the wire
 *   first sync          the village cadre of demo-t1-v1 signs in through the
 *                       form, with N issue reports in the village on the
 *                       server: ms from the tap until the sync engine records
 *                       its first complete sync, bytes of /api/sync/* on the
 *                       wire and bytes per report
 *   repeat visit        the same phone offline: ms until 首页 shows, from the
 *                       service worker's precache and IndexedDB
 *
 * Links: Fast 3G (1.6 Mbps down, 750 kbps up, 150 ms RTT) and Slow 3G
 * (400 kbps, 400 kbps, 400 ms). Bytes are Chromium's encodedDataLength
 * (headers and compressed bodies). The service worker's own precache
 * downloads are not throttled by page emulation, so the bench waits for the
 * service worker before signing in (a person types the password meanwhile).
 * Checks (never timing): every report reached the phone, the offline visit
 * showed 首页. BENCH_SMOKE=1: 200 reports, Fast 3G only.
 */
import { loadavg } from 'node:os'
import type { CDPSession, Page } from 'playwright-core'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { PHONES } from '../support/demo-county.ts'
import { loadIssues } from './support/bulk-issues.ts'
import { startAppProcess } from './support/app-process.ts'
import { openAppBrowser, waitForSyncAfter } from './support/app-browser.ts'

const SMOKE = process.env.BENCH_SMOKE === '1'
const REPORTS = SMOKE ? 200 : Number(process.env.NET_REPORTS ?? 2000)

interface Link {
  name: string
  downKbps: number
  upKbps: number
  rttMs: number
}
const LINKS: Link[] = [
  { name: 'Fast 3G', downKbps: 1600, upKbps: 750, rttMs: 150 },
  { name: 'Slow 3G', downKbps: 400, upKbps: 400, rttMs: 400 },
]

/** Bytes on the wire per request URL path, from the page's DevTools session. */
class WireMeter {
  private readonly paths = new Map<string, string>()
  readonly entries: Array<{ path: string; bytes: number }> = []
  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (event) => {
      this.paths.set(event.requestId, new URL(event.request.url).pathname)
    })
    cdp.on('Network.loadingFinished', (event) => {
      const path = this.paths.get(event.requestId) ?? '?'
      this.entries.push({ path, bytes: event.encodedDataLength })
    })
  }
  /** Bytes since `mark` (an index into entries), optionally of paths matching `only`. */
  since(mark: number, only?: RegExp): number {
    return this.entries
      .slice(mark)
      .filter((entry) => !only || only.test(entry.path))
      .reduce((sum, entry) => sum + entry.bytes, 0)
  }
}

async function emulate(cdp: CDPSession, link: Link | 'offline'): Promise<void> {
  await cdp.send(
    'Network.emulateNetworkConditions',
    link === 'offline'
      ? { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }
      : {
          offline: false,
          latency: link.rttMs,
          downloadThroughput: (link.downKbps * 1000) / 8,
          uploadThroughput: (link.upKbps * 1000) / 8,
        },
  )
}

/** Issue reports the phone holds, read with plain IndexedDB. */
function countIssues(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('shuoshi')
        open.onerror = () => reject(open.error ?? new Error('open'))
        open.onsuccess = () => {
          const db = open.result
          const count = db
            .transaction('records')
            .objectStore('records')
            .index('kind')
            .count('issue')
          count.onsuccess = () => {
            db.close()
            resolve(count.result)
          }
          count.onerror = () => reject(count.error ?? new Error('count'))
        }
      }),
  )
}

async function measure(baseUrl: string, link: Link) {
  const phone = await openAppBrowser(baseUrl)
  try {
    const { page, context } = phone
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
    const meter = new WireMeter(cdp)
    await emulate(cdp, link)

    let started = Date.now()
    await page.goto('/login')
    await page.getByTestId('login-submit').waitFor()
    const coldMs = Date.now() - started
    const coldBytes = meter.since(0)

    log(`${link.name}: first screen ${coldMs} ms`)
    // The person types the password while the service worker installs.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await page.getByTestId('login-phone').locator('input').fill(PHONES.villageCadre)
    await page.getByTestId('login-password').locator('input').fill(DEMO_PASSWORD)
    log(`${link.name}: service worker ready`)
    const mark = meter.entries.length
    const since = new Date().toISOString()
    started = Date.now()
    await page.getByTestId('login-submit').click()
    await waitForSyncAfter(page, since, 600_000)
    const syncMs = Date.now() - started
    const syncBytes = meter.since(mark, /^\/api\/sync\//)
    const allBytes = meter.since(mark)
    const issues = await countIssues(page)
    if (issues < REPORTS) throw new Error(`${link.name}: ${issues} of ${REPORTS} reports synced`)

    log(`${link.name}: first sync ${syncMs} ms`)
    // Repeat visit without a network: the service worker serves the app.
    await page.reload()
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await page.getByTestId('home-greeting').waitFor()
    await context.setOffline(true)
    await emulate(cdp, 'offline')
    started = Date.now()
    await page.goto('/')
    await page.getByTestId('home-greeting').waitFor()
    const offlineMs = Date.now() - started

    return {
      link: link.name,
      'cold ms': coldMs,
      'cold KB': kb(coldBytes),
      'sync ms': syncMs,
      'sync KB': kb(syncBytes),
      'B/report': Math.round(syncBytes / issues),
      'sign-in+sync KB': kb(allBytes),
      reports: issues,
      'offline ms': offlineMs,
    }
  } finally {
    await phone.close()
  }
}

const log = (line: string) => console.error(`[bench:net] ${line}`)
const kb = (bytes: number) => Number((bytes / 1024).toFixed(1))

const started = Date.now()
const server = await startAppProcess({
  prepare: async (database) => {
    await loadIssues(database, { count: REPORTS, villageId: 'demo-t1-v1', seed: 13 })
  },
})
const rows = []
try {
  for (const link of SMOKE ? LINKS.slice(0, 1) : LINKS) {
    rows.push(await measure(server.baseUrl, link))
    console.log(JSON.stringify(rows.at(-1)))
  }
} finally {
  await server.close()
}
console.log(`network emulation, ${REPORTS} issue reports in the village on the server`)
console.table(rows)
console.log(
  `load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}; ${((Date.now() - started) / 1000).toFixed(0)} s`,
)
console.log('checks: every report synced, 首页 offline from the service worker ✓')
