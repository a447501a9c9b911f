/**
 * The inbox bench's printed figures: one block per phone, then the 10,000 /
 * 1,000 comparison with the targets of issue #13.4.
 */
import { FIRST_PAGE_ROWS } from '#app/db/list-rows.ts'
import { FLICK_PX, median, round, type PhoneFigures } from './inbox-figures.ts'

export function print(line: string): void {
  process.stdout.write(`${line}\n`)
}

export const n = (value: number) => value.toLocaleString('en-US')
export const ms = (value: number) => `${Math.round(value)} ms`

// ---------------------------------------------------------------- report

export function report(figures: PhoneFigures): void {
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
    `work desk counts at ${at} (首页 opened → counts painted): ${ms(median(figures.deskMs))} ` +
      `(median of ${figures.deskMs.length}: ${figures.deskMs.map(Math.round).join(', ')})`,
  )
  const raw = figures.rawRead
  print(
    `IndexedDB alone at ${at}: all whole issue records (getAll, the inbox's read before #13.4) ` +
      `${ms(raw.recordsMs)}, ${raw.recordsMb} MB as JSON; all lean list rows (getAll, its read now) ` +
      `${ms(raw.rowsMs)}, ${raw.rowsMb} MB; first page of ${FIRST_PAGE_ROWS} from the index ${ms(raw.firstPageMs)}`,
  )
  print(
    `stored per issue report at ${at}: ${n(Math.round(figures.indexedDbBytes / figures.count))} IndexedDB bytes ` +
      `(browser estimate ${round(figures.indexedDbBytes / 2 ** 20)} MB / ${at}); as JSON: data ${n(raw.dataBytes)} B + ` +
      `server copy ${n(raw.serverDataBytes)} B (kept on ${raw.withServerCopy} records with outbox entries) + ` +
      `list row ${n(raw.rowBytes)} B = ${n(raw.dataBytes + raw.serverDataBytes + raw.rowBytes)} B, ` +
      `against ${n(2 * raw.dataBytes)} B when every record held data and serverData`,
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

export function compare(small: PhoneFigures, big: PhoneFigures): void {
  const label = `${n(big.count)}/${n(small.count)}`
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`
  print(`\n== ${label} ==`)
  const rows: Record<string, Record<string, string | number>> = {
    'first sync (ms)': {},
    'first row, fresh (ms, median)': {},
    'first row, store loaded (ms)': {},
    'IndexedDB getAll records (ms, before)': {},
    'IndexedDB getAll rows (ms, now)': {},
    'filter status 待回访 (ms)': {},
    'filter status 不限 (ms)': {},
    'filter 只看逾期 (ms)': {},
    'search (ms)': {},
    'jump scroll frame p95 (ms)': {},
    'flick scroll frame p95 (ms)': {},
    'rows in DOM, max': {},
    'JS heap on inbox (MB)': {},
    'IndexedDB bytes per report': {},
  }
  const pick = (f: PhoneFigures): number[] => [
    f.firstSyncMs,
    median(f.firstRowMs),
    f.returnMs,
    f.rawRead.recordsMs,
    f.rawRead.rowsMs,
    f.filters['status 待回访']?.ms ?? Number.NaN,
    f.filters['status 不限 (all rows back)']?.ms ?? Number.NaN,
    f.filters['只看逾期 on']?.ms ?? Number.NaN,
    f.filters[`search "${f.summary.searchWord}"`]?.ms ?? Number.NaN,
    f.jump.frameP95Ms,
    f.flick.frameP95Ms,
    Math.max(f.jump.rowsMax, f.flick.rowsMax),
    f.heap.inboxMb,
    f.indexedDbBytes / f.count,
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
