/**
 * One phone of the inbox bench: a persistent Chromium profile, the village
 * cadre's sign-in and first sync, then every measurement of
 * issue-list-bench.ts on it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core'
import { FIRST_PAGE_ROWS } from '#app/db/list-rows.ts'
import { zhCN } from '../../support/messages.ts'
import { CHROMIUM_LAUNCH } from '../../support/chromium.ts'
import {
  loginAs,
  PHONE_SIZE,
  waitForServiceWorker,
  type E2eEnv,
} from '../../e2e/support/e2e-env.ts'
import type { IssueSetSummary } from './bulk-issues.ts'
import {
  countIssueRecords,
  firstRowAfterTab,
  indexedDbBytes,
  lastSyncAt,
  readIssueRecords,
  renderedRows,
  scrollThrough,
  timedListUpdate,
} from '../browser/inbox-probes.ts'
import {
  FLICK_PX,
  log,
  median,
  round,
  SIZES,
  summarizeScroll,
  type PhoneFigures,
  type PhoneSet,
} from './inbox-figures.ts'

const T = zhCN.issue
const n = (value: number) => value.toLocaleString('en-US')
const ms = (value: number) => `${Math.round(value)} ms`

// ---------------------------------------------------------------- browser helpers

/** Polls `probe` until it returns true; throws after `timeoutMs`. */
async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** A phone with its own on-disk profile (IndexedDB on disk, as on a real phone). */
async function openPhone(baseUrl: string) {
  const profile = await mkdtemp(join(tmpdir(), 'shuoshi-bench-inbox-'))
  let context: BrowserContext | null = null
  const close = async () => {
    await context?.close().catch(() => undefined)
    await rm(profile, { recursive: true, force: true })
  }
  try {
    context = await chromium.launchPersistentContext(profile, {
      ...CHROMIUM_LAUNCH,
      baseURL: baseUrl,
      viewport: PHONE_SIZE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    })
    // tsx compiles this file with esbuild's keepNames, which wraps inner
    // functions in __name(); the probes run in the page, where it must exist.
    await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn)')
    const page = context.pages()[0] ?? (await context.newPage())
    return { context, page, close }
  } catch (error) {
    await close()
    throw error
  }
}

async function heapMb(cdp: CDPSession, { gc }: { gc: boolean }) {
  if (gc) await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN
  return { usedMb: round(metric('JSHeapUsedSize') / 2 ** 20), nodes: metric('Nodes') }
}

/**
 * Opens 首页 and answers the ms from navigation start until the work desk
 * shows its counts (a count line, or 暂无待办事项), checked every frame.
 */
async function deskCountsMs(page: Page): Promise<number> {
  await page.goto('/')
  const painted = await page.waitForFunction(
    () =>
      document.querySelector('[data-test="desk-amount"], [data-test="desk-clear"]')
        ? performance.now()
        : 0,
    null,
    { polling: 'raf', timeout: 60_000 },
  )
  return Number(await painted.jsonValue())
}

/** Reloads on 首页 and waits until the sync that every start runs has finished. */
async function reloadHome(page: Page): Promise<void> {
  const reloadedAt = new Date().toISOString()
  await page.goto('/')
  await page.getByTestId('home-greeting').waitFor()
  await waitUntil(
    'the sync after reload',
    async () => ((await page.evaluate(lastSyncAt)) ?? '') > reloadedAt,
    30_000,
  )
}

// ---------------------------------------------------------------- one phone

export async function measurePhone(
  env: E2eEnv,
  set: PhoneSet,
  summary: IssueSetSummary,
): Promise<PhoneFigures> {
  const { page, context, close } = await openPhone(env.baseUrl)
  try {
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')

    // First sync: the app's own pull after sign-in.
    const loginStarted = performance.now()
    await loginAs(page, set.person)
    await waitUntil(
      `${set.count} issues on the device`,
      async () => (await page.evaluate(countIssueRecords)) >= set.count,
      15 * 60_000,
    )
    const firstSyncMs = performance.now() - loginStarted
    const onDisk = await page.evaluate(indexedDbBytes)
    const onDevice = await page.evaluate(countIssueRecords)
    if (onDevice !== set.count)
      throw new Error(`${onDevice} issues on the device, not ${set.count}`)
    log(`${n(set.count)}: first sync in ${ms(firstSyncMs)}`)
    await waitForServiceWorker(page)

    // First row after tapping 说事, from a fresh page each time. No forced GC
    // before: a collected, shrunken heap makes the load itself collect more.
    const firstRowMs: number[] = []
    for (let run = 0; run < SIZES.runs; run++) {
      await reloadHome(page)
      await page.waitForTimeout(300)
      firstRowMs.push(await page.evaluate(firstRowAfterTab))
      log(`${n(set.count)}: first row run ${run + 1}: ${ms(firstRowMs.at(-1) ?? 0)}`)
    }
    const rowsAtFirstPaint = await page.evaluate(renderedRows)

    // The work desk counting every report on the device (lean rows).
    const deskMs: number[] = []
    for (let run = 0; run < SIZES.runs; run++) {
      deskMs.push(await deskCountsMs(page))
      log(`${n(set.count)}: desk counts run ${run + 1}: ${ms(deskMs.at(-1) ?? 0)}`)
    }
    await page.getByTestId('tab-issues').click()
    // The heap with the whole list held: the first page paints before the
    // set is read, and the count line fills in once it is.
    await waitUntil(
      'the whole inbox read',
      async () => ((await page.getByTestId('issue-count').textContent()) ?? '').trim() !== '',
      60_000,
    )
    const inboxBeforeGc = await heapMb(cdp, { gc: false })
    const inbox = await heapMb(cdp, { gc: true })

    // Back to 首页 and to 说事 again: the store already holds the rows.
    await page.getByTestId('tab-home').click()
    await page.getByTestId('home-greeting').waitFor()
    await page.waitForTimeout(300)
    const returnMs = await page.evaluate(firstRowAfterTab)

    // Filters, in the 全部 inbox.
    const samples: Record<string, Array<{ ms: number; count: string }>> = {}
    const timed = async (name: string, what: Parameters<typeof timedListUpdate>[0]) => {
      const result = await page.evaluate(timedListUpdate, what)
      ;(samples[name] ??= []).push(result)
      return result
    }
    const inboxTab = '[data-test="issue-inboxes"] .van-tab'
    const menuTitle = (index: number) => page.locator('.van-dropdown-menu__item').nth(index)
    const statusOption = '[data-test="filter-status"] .van-dropdown-item__option'
    for (let round = 0; round < SIZES.filterRounds; round++) {
      await timed('inbox 全部', { selector: inboxTab, text: T.inbox.all })
      await menuTitle(0).click()
      await page.locator(statusOption).filter({ hasText: T.status.awaiting_feedback }).waitFor()
      await timed('status 待回访', { selector: statusOption, text: T.status.awaiting_feedback })
      await page.waitForTimeout(400) // the drop-down's closing animation
      await menuTitle(0).click()
      await page.locator(statusOption).filter({ hasText: T.filter.any }).waitFor()
      await timed('status 不限 (all rows back)', { selector: statusOption, text: T.filter.any })
      await page.waitForTimeout(400)
      await menuTitle(3).click()
      await page.getByTestId('filter-overdue').waitFor()
      await timed('只看逾期 on', { selector: '[data-test="filter-overdue"]' })
      await timed('只看逾期 off', { selector: '[data-test="filter-overdue"]' })
      await menuTitle(3).click()
      await page.waitForTimeout(400)
      await timed(`search "${summary.searchWord}"`, { search: summary.searchWord })
      await timed('search cleared', { search: '' })
      await timed('inbox 待受理', { selector: inboxTab, text: T.inbox.toAccept })
    }
    const filters = Object.fromEntries(
      Object.entries(samples).map(([name, list]) => [
        name,
        { ms: median(list.map((sample) => sample.ms)), count: list.at(-1)?.count ?? '' },
      ]),
    )
    checkFilterCounts(set, summary, filters)

    // Scrolling through every report.
    await timed('inbox 全部', { selector: inboxTab, text: T.inbox.all })
    const jumpRaw = await page.evaluate(scrollThrough, { steps: SIZES.jumpSteps, stepPx: 0 })
    if (!jumpRaw.reachedEnd) throw new Error('the scroll never reached the last report')
    const flickRaw = await page.evaluate(scrollThrough, {
      steps: SIZES.flickFrames,
      stepPx: FLICK_PX,
    })

    // The floor under the cold first row: IndexedDB alone handing over every
    // issue record; then the heap of 首页 without the inbox, for comparison.
    await reloadHome(page)
    const rawRead = await page.evaluate(readIssueRecords, FIRST_PAGE_ROWS)
    const home = await heapMb(cdp, { gc: true })

    return {
      count: set.count,
      rawRead,
      indexedDbBytes: onDisk,
      summary,
      firstSyncMs,
      firstRowMs,
      deskMs,
      returnMs,
      rowsAtFirstPaint,
      filters,
      jump: summarizeScroll(jumpRaw),
      flick: summarizeScroll(flickRaw),
      heap: {
        homeMb: home.usedMb,
        inboxMb: inbox.usedMb,
        inboxBeforeGcMb: inboxBeforeGc.usedMb,
        domNodes: inbox.nodes,
      },
      pageErrors,
    }
  } finally {
    await close()
  }
}

/** The counts the list showed must be the ones the generated set holds. */
function checkFilterCounts(
  set: PhoneSet,
  summary: IssueSetSummary,
  filters: Record<string, { count: string }>,
): void {
  const shown = (name: string) => Number((filters[name]?.count ?? '').replace(/[^\d]/g, ''))
  const expected: Record<string, number> = {
    'inbox 全部': set.count,
    'status 待回访': summary.byStatus.awaiting_feedback ?? 0,
    '只看逾期 on': summary.overdue,
    [`search "${summary.searchWord}"`]: summary.searchHits,
  }
  for (const [name, count] of Object.entries(expected)) {
    if (shown(name) !== count) {
      throw new Error(`${name}: the list showed "${filters[name]?.count}", expected ${count}`)
    }
  }
}
