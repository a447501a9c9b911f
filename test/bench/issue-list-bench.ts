/**
 * Issue inbox benchmark (issue 5: lists "stay smooth at 10,000 items"):
 * `npm run bench:issues` prints figures on stdout (progress goes to stderr).
 * Figures, not tests: nothing asserts a time. Sanity checks (every report on
 * the device, the filters changing the list, the scroll reaching the last
 * row) do fail the run, so a figure is never measured on a broken list.
 *
 * The real thing end to end: the server of test/e2e (SQLite, demo county)
 * serves the built PWA from dist/; a village cadre signs in on a phone-sized
 * Chromium with an on-disk profile and the app's own first sync copies the
 * reports into IndexedDB. Two villages, two cadres, two phones, one run:
 *
 *   柳河村 (demo-t1-v1, PHONES.villageCadre)        10,000 reports
 *   杏花村 (demo-t1-v2, PHONES.siblingVillageCadre)  1,000 reports
 *
 * The reports are made server-side by the real issue kind with a past
 * history (support/bulk-issues.ts says why not by push): statuses, categories,
 * tags, dates over a year, some overdue.
 *
 * Per phone:
 *   first_sync     login to all reports in IndexedDB (the app's own pull).
 *   first_row      reload on 首页, wait for its sync, tap the 说事 tab: ms to the
 *                  first row painted; median of 5 reloads. The issue store is
 *                  new after each reload, so this includes reading every issue
 *                  from IndexedDB. Also "return": 首页 and back, store loaded.
 *   filters        in the 全部 inbox: switch inbox, status 待回访 and back to
 *                  不限, 只看逾期 on and off, search "水渠" and cleared; ms until
 *                  the count line changed, painted (median of 3).
 *   scroll         top to bottom in 60 steps (one per frame, each a 60th of the
 *                  height: every step replaces the rows) and a steady 40 px per
 *                  frame for 120 frames (a finger's flick): median/p95 frame
 *                  time, long tasks, rows in the DOM.
 *   raw_read       IndexedDB alone: getAll of every issue record, the floor
 *                  under the cold first row.
 *   heap           JS heap used (CDP Performance.getMetrics) on 首页 and on the
 *                  inbox, after a forced GC, and DOM nodes.
 *
 * BENCH_SMOKE=1: 300 and 100 reports, one reload, one filter round, short
 * scrolls — every step, in well under a minute, for CI.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core'
import { zhCN } from '../support/messages.ts'
import { CHROMIUM_LAUNCH } from '../support/chromium.ts'
import { PHONES, type Person } from '../support/demo-county.ts'
import {
  loginAs,
  PHONE_SIZE,
  startE2e,
  waitForServiceWorker,
  type E2eEnv,
} from '../e2e/support/e2e-env.ts'
import { loadIssues, type IssueSetSummary } from './support/bulk-issues.ts'
import {
  countIssueRecords,
  firstRowAfterTab,
  lastSyncAt,
  readIssueRecords,
  renderedRows,
  scrollThrough,
  timedListUpdate,
  type RawRead,
  type ScrollFigures,
} from './browser/inbox-probes.ts'

const SMOKE = process.env.BENCH_SMOKE === '1'
const SIZES = SMOKE
  ? { big: 300, small: 100, runs: 1, filterRounds: 1, jumpSteps: 20, flickFrames: 30 }
  : { big: 10_000, small: 1_000, runs: 5, filterRounds: 3, jumpSteps: 60, flickFrames: 120 }
const FLICK_PX = 40
const DIST = join(import.meta.dirname, '../../dist')
const T = zhCN.issue

interface PhoneSet {
  label: string
  person: Person
  villageId: string
  count: number
  seed: number
}

const SETS: readonly PhoneSet[] = [
  {
    label: 'small',
    person: 'siblingVillageCadre',
    villageId: 'demo-t1-v2',
    count: SIZES.small,
    seed: 2,
  },
  { label: 'big', person: 'villageCadre', villageId: 'demo-t1-v1', count: SIZES.big, seed: 1 },
]

interface ScrollSummary {
  frameMedianMs: number
  frameP95Ms: number
  frameMaxMs: number
  /** Frames over 1.5 × 16.7 ms: at least one frame dropped. */
  slowFrames: number
  frames: number
  longTasks: number
  longTaskMs: number
  rowsMedian: number
  rowsMax: number
  scrollHeight: number
}

interface PhoneFigures {
  count: number
  summary: IssueSetSummary
  firstSyncMs: number
  firstRowMs: number[]
  rawRead: RawRead
  returnMs: number
  rowsAtFirstPaint: number
  filters: Record<string, { ms: number; count: string }>
  jump: ScrollSummary
  flick: ScrollSummary
  heap: { homeMb: number; inboxMb: number; inboxBeforeGcMb: number; domNodes: number }
  pageErrors: string[]
}

// ---------------------------------------------------------------- output

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

function print(line: string): void {
  process.stdout.write(`${line}\n`)
}

const n = (value: number) => value.toLocaleString('en-US')
const ms = (value: number) => `${Math.round(value)} ms`
const round = (value: number, digits = 1) => Number(value.toFixed(digits))

/** Nearest-rank percentile of `values` (0 < p ≤ 100). */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] ?? Number.NaN
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length / 2
  return sorted.length % 2 === 1
    ? (sorted[Math.floor(mid)] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2
}

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

function summarizeScroll(figures: ScrollFigures): ScrollSummary {
  return {
    frameMedianMs: round(median(figures.frames)),
    frameP95Ms: round(percentile(figures.frames, 95)),
    frameMaxMs: round(Math.max(...figures.frames)),
    slowFrames: figures.frames.filter((frame) => frame > 25).length,
    frames: figures.frames.length,
    longTasks: figures.longTasks,
    longTaskMs: Math.round(figures.longTaskMs),
    rowsMedian: median(figures.rows),
    rowsMax: Math.max(...figures.rows),
    scrollHeight: figures.scrollHeight,
  }
}

// ---------------------------------------------------------------- one phone

async function measurePhone(
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
    const rawRead = await page.evaluate(readIssueRecords)
    const home = await heapMb(cdp, { gc: true })

    return {
      count: set.count,
      rawRead,
      summary,
      firstSyncMs,
      firstRowMs,
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

// ---------------------------------------------------------------- report

function report(figures: PhoneFigures): void {
  const at = n(figures.count)
  const { summary } = figures
  print(`\n== ${at} issue reports on one village cadre's phone ==`)
  print(
    `data: ${Object.entries(summary.byStatus)
      .map(([status, count]) => `${status} ${count}`)
      .join(', ')}; overdue ${summary.overdue}`,
  )
  print(`first sync (login → all ${at} in IndexedDB): ${ms(figures.firstSyncMs)}`)
  print(
    `inbox first row at ${at}: ${ms(median(figures.firstRowMs))} ` +
      `(median of ${figures.firstRowMs.length}: ${figures.firstRowMs.map(Math.round).join(', ')})`,
  )
  print(`inbox first row at ${at}, back to the tab (store loaded): ${ms(figures.returnMs)}`)
  print(
    `IndexedDB alone, all ${at} issue records (getAll): ${ms(figures.rawRead.ms)}, ` +
      `${figures.rawRead.mb} MB as JSON (data ${figures.rawRead.dataKb} KB + serverData ${figures.rawRead.serverDataKb} KB per record)`,
  )
  print(`rows in the DOM at first paint: ${figures.rowsAtFirstPaint}`)
  for (const [name, { ms: time, count }] of Object.entries(figures.filters)) {
    print(`filter at ${at}: ${name} → ${count}: ${ms(time)}`)
  }
  for (const [name, scroll] of [
    [`jump (${figures.jump.frames} steps, top → bottom)`, figures.jump],
    [`flick (${FLICK_PX} px/frame × ${figures.flick.frames})`, figures.flick],
  ] as const) {
    print(
      `scroll ${name} at ${at}: frame median ${scroll.frameMedianMs} ms, p95 ${scroll.frameP95Ms} ms, ` +
        `max ${scroll.frameMaxMs} ms, ${scroll.slowFrames} frames > 25 ms, ` +
        `${scroll.longTasks} long tasks (${scroll.longTaskMs} ms); ` +
        `rows in DOM median ${scroll.rowsMedian}, max ${scroll.rowsMax}; list height ${n(scroll.scrollHeight)} px`,
    )
  }
  print(
    `JS heap at ${at}: ${figures.heap.homeMb} MB on 首页 → ${figures.heap.inboxMb} MB on the inbox ` +
      `(after GC; ${figures.heap.inboxBeforeGcMb} MB before), ${n(figures.heap.domNodes)} DOM nodes`,
  )
  if (figures.pageErrors.length > 0) print(`page errors: ${figures.pageErrors.join(' | ')}`)
}

function compare(small: PhoneFigures, big: PhoneFigures): void {
  const label = `${n(big.count)}/${n(small.count)}`
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`
  print(`\n== ${label} ==`)
  const rows: Record<string, Record<string, string | number>> = {
    'first sync (ms)': {},
    'first row, fresh (ms, median)': {},
    'first row, store loaded (ms)': {},
    'IndexedDB getAll alone (ms)': {},
    'filter status 待回访 (ms)': {},
    'filter status 不限 (ms)': {},
    'filter 只看逾期 (ms)': {},
    'search (ms)': {},
    'jump scroll frame p95 (ms)': {},
    'flick scroll frame p95 (ms)': {},
    'rows in DOM, max': {},
    'JS heap on inbox (MB)': {},
  }
  const pick = (f: PhoneFigures): number[] => [
    f.firstSyncMs,
    median(f.firstRowMs),
    f.returnMs,
    f.rawRead.ms,
    f.filters['status 待回访']?.ms ?? Number.NaN,
    f.filters['status 不限 (all rows back)']?.ms ?? Number.NaN,
    f.filters['只看逾期 on']?.ms ?? Number.NaN,
    f.filters[`search "${f.summary.searchWord}"`]?.ms ?? Number.NaN,
    f.jump.frameP95Ms,
    f.flick.frameP95Ms,
    Math.max(f.jump.rowsMax, f.flick.rowsMax),
    f.heap.inboxMb,
  ]
  const smallValues = pick(small)
  const bigValues = pick(big)
  Object.keys(rows).forEach((name, index) => {
    const a = smallValues[index] ?? Number.NaN
    const b = bigValues[index] ?? Number.NaN
    rows[name] = { [n(small.count)]: round(a), [n(big.count)]: round(b), ratio: ratio(b, a) }
  })
  console.table(rows)
  print(
    `inbox first row ratio ${label}: ${ratio(median(big.firstRowMs), median(small.firstRowMs))} ` +
      `(${ms(median(big.firstRowMs))} / ${ms(median(small.firstRowMs))})`,
  )
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) {
    process.stderr.write(
      'dist/ is missing: the inbox bench runs the built app. Run `npx vite build` first.\n',
    )
    process.exitCode = 1
    return
  }
  const started = performance.now()
  const env = await startE2e()
  const stop = () => void env.close().finally(() => process.exit(130))
  process.once('SIGINT', stop)
  try {
    const summaries: IssueSetSummary[] = []
    for (const set of SETS) {
      const loadStarted = performance.now()
      summaries.push(await loadIssues(env.database, set))
      log(`${n(set.count)} reports written server-side in ${ms(performance.now() - loadStarted)}`)
    }
    const results: PhoneFigures[] = []
    for (const [index, set] of SETS.entries()) {
      const summary = summaries[index]
      if (!summary) throw new Error('no summary')
      log(`phone of ${PHONES[set.person]} (${n(set.count)} reports)`)
      const figures = await measurePhone(env, set, summary)
      results.push(figures)
      report(figures)
    }
    const [small, big] = results
    if (small && big) compare(small, big)
    print(
      `\n(${SMOKE ? 'smoke run' : 'full run'} in ${Math.round((performance.now() - started) / 1000)} s)`,
    )
  } finally {
    process.off('SIGINT', stop)
    await env.close()
  }
}

await main()
