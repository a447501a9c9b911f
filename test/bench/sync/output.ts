/**
 * Output and clean-up of the sync benchmark: one JSON line per figure on
 * stdout (progress on stderr), statistics, and resources closed whatever
 * happens (also on Ctrl-C).
 */

/** BENCH_SMOKE=1: the small run `npm test` includes. */
export const SMOKE = process.env.BENCH_SMOKE === '1'

export function emit(figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...figures, ...(SMOKE ? { smoke: true } : {}) })}\n`)
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits))
export const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000))

/** Nearest-rank percentile of `values` (0 < p ≤ 100). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] ?? Number.NaN
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length / 2
  return sorted.length % 2 === 1
    ? (sorted[Math.floor(mid)] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2
}

// ---------------------------------------------------------------- cleanup

export const cleanups: Array<() => Promise<void>> = []

/** Runs `step` with `resource`, closing it afterwards whatever happens (also on Ctrl-C). */
export async function using<T extends { close(): Promise<void> }, R>(
  resource: T,
  step: (r: T) => Promise<R>,
): Promise<R> {
  const close = () => resource.close()
  cleanups.push(close)
  try {
    return await step(resource)
  } finally {
    cleanups.splice(cleanups.indexOf(close), 1)
    await close()
  }
}

export async function cleanupAll(): Promise<void> {
  for (const close of cleanups.splice(0).reverse()) await close().catch(() => undefined)
}
