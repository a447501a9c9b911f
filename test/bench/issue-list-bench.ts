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
 *                  new after each reload, so this includes reading the
 *                  issues from IndexedDB (the first page, then the lean set). Also "return": 首页 and back, store loaded.
 *   desk           首页 opened (navigation start) to the work desk's counts
 *                  painted, counted from every report's lean row; median of 5.
 *   filters        in the 全部 inbox: switch inbox, status 待回访 and back to
 *                  不限, 只看逾期 on and off, search "水渠" and cleared; ms until
 *                  the count line changed, painted (median of 3).
 *   scroll         top to bottom in 60 steps (one per frame, each a 60th of the
 *                  height: every step replaces the rows) and a steady 40 px per
 *                  frame for 120 frames (a finger's flick): median/p95 frame
 *                  time, long tasks, rows in the DOM.
 *   raw_read       IndexedDB alone: getAll of every whole issue record (what
 *                  the inbox read before #13.4) against getAll of every lean
 *                  list row and the first page from the index (what it reads
 *                  now), in the same run; JSON bytes per record.
 *   storage        IndexedDB bytes per issue report after the first sync (the
 *                  browser's estimate), against the old two-copies layout.
 *   heap           JS heap used (CDP Performance.getMetrics) on 首页 and on the
 *                  inbox, after a forced GC, and DOM nodes.
 *
 * BENCH_SMOKE=1: 300 and 100 reports, one reload, one filter round, short
 * scrolls — every step, in well under a minute, for CI.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { PHONES } from '../support/demo-county.ts'
import { startE2e } from '../e2e/support/e2e-env.ts'
import { loadIssues, type IssueSetSummary } from './support/bulk-issues.ts'
import { log, SIZES, SMOKE, type PhoneFigures, type PhoneSet } from './support/inbox-figures.ts'
import { measurePhone } from './support/inbox-phone.ts'
import { compare, ms, n, print, report } from './support/inbox-report.ts'

const DIST = join(import.meta.dirname, '../../dist')

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
