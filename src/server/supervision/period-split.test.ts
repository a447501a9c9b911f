import { describe, expect, it } from 'vitest'
import { resolvePeriod, type Period } from '#shared/supervision/period.ts'
import { splitPeriod } from './period-split.ts'

const split = (query: Parameters<typeof resolvePeriod>[0]) =>
  splitPeriod(resolvePeriod(query) as Period)

describe('splitPeriod', () => {
  it('serves a quarter, a year and a month from whole months only', () => {
    expect(split({ period: 'quarter', at: '2026-Q1' })).toEqual({
      months: ['2026-01', '2026-02', '2026-03'],
      edges: [],
    })
    expect(split({ period: 'year', at: '2024' }).months).toHaveLength(12)
    expect(split({ period: 'month', at: '2024-02' })).toEqual({ months: ['2024-02'], edges: [] })
  })

  it('leaves the partial first and last months of a custom range to the facts', () => {
    expect(split({ period: 'custom', from: '2026-01-15', to: '2026-04-10' })).toEqual({
      months: ['2026-02', '2026-03'],
      edges: [
        { from: '2026-01-15', to: '2026-01-31' },
        { from: '2026-04-01', to: '2026-04-10' },
      ],
    })
    expect(split({ period: 'custom', from: '2024-02-01', to: '2024-02-29' })).toEqual({
      months: ['2024-02'],
      edges: [],
    })
    expect(split({ period: 'custom', from: '2026-03-02', to: '2026-03-30' })).toEqual({
      months: [],
      edges: [{ from: '2026-03-02', to: '2026-03-30' }],
    })
  })
})
