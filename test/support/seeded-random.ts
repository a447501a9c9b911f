/**
 * A small, fast, seedable generator (mulberry32) for tests and benches that
 * spread random data or faults: a run prints its seed, and the same seed
 * replays it exactly.
 */
export interface SeededRandom {
  /** A number in [0, 1). */
  next: () => number
  /** A whole number in [0, below). */
  int: (below: number) => number
  /** One of `items` (not empty). */
  pick: <T>(items: readonly T[]) => T
  /** True with probability `p`. */
  chance: (p: number) => boolean
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (below: number) => Math.floor(next() * below)
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(items.length)]
      if (item === undefined) throw new Error('pick from an empty list')
      return item
    },
    chance: (p: number) => next() < p,
  }
}
