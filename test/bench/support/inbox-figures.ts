/**
 * The inbox bench's sizes, figure types and arithmetic (issue-list-bench.ts
 * says what is measured and why).
 */
import type { IssueSetSummary } from './bulk-issues.ts'
import type { RawRead, ScrollFigures } from '../browser/inbox-probes.ts'
import type { Person } from '../../support/demo-county.ts'

export const SMOKE = process.env.BENCH_SMOKE === '1'
export const SIZES = SMOKE
  ? { big: 300, small: 100, runs: 1, filterRounds: 1, jumpSteps: 20, flickFrames: 30 }
  : { big: 10_000, small: 1_000, runs: 5, filterRounds: 3, jumpSteps: 60, flickFrames: 120 }
export const FLICK_PX = 40

export interface PhoneSet {
  label: string
  person: Person
  villageId: string
  count: number
  seed: number
}

export interface ScrollSummary {
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

export interface PhoneFigures {
  count: number
  summary: IssueSetSummary
  firstSyncMs: number
  firstRowMs: number[]
  /** 首页 opened (navigation start) to the work desk's counts painted, ms, one per run. */
  deskMs: number[]
  rawRead: RawRead
  /** IndexedDB on disk after the first sync (the browser's estimate), bytes. */
  indexedDbBytes: number
  returnMs: number
  rowsAtFirstPaint: number
  filters: Record<string, { ms: number; count: string }>
  jump: ScrollSummary
  flick: ScrollSummary
  heap: { homeMb: number; inboxMb: number; inboxBeforeGcMb: number; domNodes: number }
  pageErrors: string[]
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits))

/** Nearest-rank percentile of `values` (0 < p ≤ 100). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] ?? Number.NaN
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length / 2
  return sorted.length % 2 === 1
    ? (sorted[Math.floor(mid)] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2
}

export function summarizeScroll(figures: ScrollFigures): ScrollSummary {
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
