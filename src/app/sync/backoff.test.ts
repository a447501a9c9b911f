import { describe, expect, it } from 'vitest'
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  PERIODIC_SYNC_MS,
  backoffDelay,
  retryDelay,
} from './backoff.ts'

describe('backoffDelay', () => {
  it('waits the periodic interval when nothing has failed', () => {
    expect(backoffDelay(0, 0.3)).toBe(PERIODIC_SYNC_MS)
  })

  it('doubles the ceiling after each failure and stays between half and all of it', () => {
    for (let failures = 1; failures <= 6; failures += 1) {
      const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1))
      expect(backoffDelay(failures, 0)).toBe(ceiling / 2)
      expect(backoffDelay(failures, 0.999999)).toBeLessThanOrEqual(ceiling)
      expect(backoffDelay(failures, 0.999999)).toBeGreaterThan(ceiling * 0.99)
    }
  })

  it('never waits longer than the cap, however many failures', () => {
    expect(backoffDelay(50, 0.99)).toBeLessThanOrEqual(BACKOFF_MAX_MS)
    expect(backoffDelay(50, 0)).toBe(BACKOFF_MAX_MS / 2)
  })

  it('spreads retries of many devices apart (jitter)', () => {
    const delays = new Set([0.1, 0.4, 0.7, 0.9].map((random) => backoffDelay(3, random)))
    expect(delays.size).toBe(4)
  })
})

describe('retryDelay (a busy server asked to wait: Retry-After)', () => {
  it('never tries sooner than the server asked, however few the failures', () => {
    for (const random of [0, 0.5, 0.999999]) {
      expect(retryDelay(1, 30, random)).toBeGreaterThanOrEqual(30_000)
      expect(retryDelay(1, 30, random)).toBeLessThanOrEqual(45_000)
    }
  })

  it('keeps the usual backoff when it is longer than what the server asked', () => {
    expect(retryDelay(6, 2, 0.3)).toBe(backoffDelay(6, 0.3))
  })

  it('spreads phones told the same Retry-After apart (jitter)', () => {
    const delays = new Set([0.1, 0.4, 0.7, 0.9].map((random) => retryDelay(1, 20, random)))
    expect(delays.size).toBe(4)
  })

  it('is the plain backoff when the server gave no Retry-After', () => {
    expect(retryDelay(2, null, 0.2)).toBe(backoffDelay(2, 0.2))
  })
})
