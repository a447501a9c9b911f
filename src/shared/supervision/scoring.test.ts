import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addCounts, emptyFigures, medianOf, rate, type UnitFigures } from './figures.ts'
import { currentPeriod, resolvePeriod } from './period.ts'
import {
  DEFAULT_STANDARDS,
  honourLists,
  indicatorValue,
  rankUnits,
  scoreUnit,
  standardsSchema,
  type Standards,
} from './scoring.ts'

const unit = (id: string, name: string) => ({
  id,
  name,
  tier: 'township' as const,
  path: `/c/${id}/`,
  hasChildren: true,
})

/** 10 received, 6 resolved locally, 8 closed; 7 满意 + 1 基本满意 of 9 rated; 2 of 20 stage runs late. */
function sample(): UnitFigures {
  const figures = emptyFigures(unit('a', '甲镇'), 6)
  figures.issues.received = 10
  figures.issues.resolvedLocally = 6
  figures.issues.closed = 8
  figures.issues.satisfaction = { satisfied: 7, basically_satisfied: 1, dissatisfied: 1 }
  figures.issues.overdue.accept = { reached: 10, overdue: 1 }
  figures.issues.overdue.village = { reached: 10, overdue: 1 }
  figures.meetings.villageMonthsHeld = 3
  figures.forms = { collected: 4, satisfied: 3 }
  return figures
}

describe('indicators', () => {
  it('derive each share from the counts', () => {
    const figures = sample()
    expect(indicatorValue('local_resolution', figures)).toBe(0.6)
    expect(indicatorValue('satisfaction', figures)).toBeCloseTo(8 / 9)
    expect(indicatorValue('on_time', figures)).toBe(0.9)
    expect(indicatorValue('closure', figures)).toBe(0.8)
    expect(indicatorValue('fixed_day', figures)).toBe(0.5)
    expect(indicatorValue('form_satisfaction', figures)).toBe(0.75)
    expect(indicatorValue('interpretation', figures)).toBeNull()
  })
})

describe('scoreUnit', () => {
  it('weighs the points of the measured indicators against their targets', () => {
    // local 0.6/0.8=75 ×20; satisfaction (8/9)/0.95=93.567 ×25; on time 0.9/0.95=94.737 ×20;
    // closure 0.8/0.9=88.889 ×10; fixed day 50 ×15; forms 0.75/0.9=83.333 ×5 → ÷95.
    const expected = (75 * 20 + 93.567 * 25 + 94.737 * 20 + 88.889 * 10 + 50 * 15 + 83.333 * 5) / 95
    const { score, parts } = scoreUnit(sample(), DEFAULT_STANDARDS)
    expect(score).toBeCloseTo(expected, 1)
    expect(parts.map((part) => part.indicator)).not.toContain('interpretation')
  })

  it('gives no score when nothing weighed was measured', () => {
    expect(scoreUnit(emptyFigures(unit('b', '乙镇'), null), DEFAULT_STANDARDS).score).toBeNull()
  })

  it('caps points at full marks and stays within 0–100', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), (received, resolved, closed) => {
        const figures = sample()
        figures.issues.received = received
        figures.issues.resolvedLocally = Math.min(resolved, received)
        figures.issues.closed = Math.min(closed, received)
        const { score } = scoreUnit(figures, DEFAULT_STANDARDS)
        return score === null || (score >= 0 && score <= 100)
      }),
    )
  })
})

describe('ranking and honour lists', () => {
  const good = sample()
  const poor = emptyFigures(unit('c', '丙镇'), 6)
  poor.issues.received = 10
  poor.issues.resolvedLocally = 1
  poor.issues.satisfaction = { satisfied: 1, basically_satisfied: 0, dissatisfied: 4 }
  const perfect = emptyFigures(unit('d', '丁镇'), 6)
  perfect.issues = {
    ...good.issues,
    resolvedLocally: 10,
    closed: 10,
    satisfaction: { satisfied: 9, basically_satisfied: 0, dissatisfied: 0 },
    overdue: emptyFigures(unit('x', 'x'), null).issues.overdue,
  }
  perfect.meetings.villageMonthsHeld = 6
  perfect.forms = { collected: 2, satisfied: 2 }

  it('ranks by score and lists the commended and the notified with their figures', () => {
    const ranking = rankUnits([poor, good, perfect], DEFAULT_STANDARDS)
    expect(ranking.map((row) => [row.unitId, row.rank])).toEqual([
      ['d', 1],
      ['a', 2],
      ['c', 3],
    ])
    const { commended, notified } = honourLists(ranking, DEFAULT_STANDARDS)
    expect(commended.map((row) => row.unitId)).toEqual(['d'])
    expect(commended[0]?.score).toBe(100)
    expect(notified.map((row) => row.unitId)).toEqual(['c'])
    expect(notified[0]?.parts.find((part) => part.indicator === 'satisfaction')?.value).toBe(0.2)
  })

  it('changes the ranking when a weight changes', () => {
    // Only the fixed day counts: 甲镇 held 3 of 6, 丙镇 none.
    const onlyFixedDay: Standards = {
      ...DEFAULT_STANDARDS,
      weights: {
        local_resolution: 0,
        satisfaction: 0,
        on_time: 0,
        closure: 0,
        fixed_day: 1,
        form_satisfaction: 0,
        interpretation: 0,
        disclosure: 0,
      },
    }
    const ranking = rankUnits([good, poor], onlyFixedDay)
    expect(ranking.map((row) => [row.unitId, row.score])).toEqual([
      ['a', 50],
      ['c', 0],
    ])
  })
})

describe('standardsSchema', () => {
  it('accepts the defaults and refuses nonsense with a reason in Chinese', () => {
    expect(standardsSchema.safeParse(DEFAULT_STANDARDS).success).toBe(true)
    const zero = {
      ...DEFAULT_STANDARDS,
      weights: Object.fromEntries(Object.keys(DEFAULT_STANDARDS.weights).map((k) => [k, 0])),
    }
    expect(standardsSchema.safeParse(zero).error?.issues[0]?.message).toBe(
      '至少一项指标的权重应大于0',
    )
    const target = { ...DEFAULT_STANDARDS, targets: { ...DEFAULT_STANDARDS.targets, closure: 2 } }
    expect(standardsSchema.safeParse(target).error?.issues[0]?.message).toBe(
      '达标值应在1%到100%之间',
    )
  })
})

describe('figures helpers', () => {
  it('rate and median', () => {
    expect(rate(1, 0)).toBeNull()
    expect(rate(1, 4)).toBe(0.25)
    expect(medianOf({})).toBeNull()
    expect(medianOf({ '1': 1, '2': 1, '25': 1 })).toBe(2)
    expect(medianOf({ '3': 2, '10': 2 })).toBe(3)
  })

  it('adds counts deeply', () => {
    expect(addCounts({ a: 1, b: { c: 2 } }, { a: 2, b: { c: 3 } })).toEqual({ a: 3, b: { c: 5 } })
  })
})

describe('periods', () => {
  it('resolves months, quarters, years and custom ranges', () => {
    expect(resolvePeriod({ period: 'month', at: '2024-02' })).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-29',
      months: ['2024-02'],
    })
    expect(resolvePeriod({ period: 'quarter', at: '2026-Q4' })).toMatchObject({
      from: '2026-10-01',
      to: '2026-12-31',
      months: ['2026-10', '2026-11', '2026-12'],
    })
    expect(resolvePeriod({ period: 'year', at: '2026' })).toMatchObject({
      from: '2026-01-01',
      to: '2026-12-31',
    })
    expect(resolvePeriod({ period: 'custom', from: '2026-11-30', to: '2027-01-02' })).toMatchObject(
      { months: ['2026-11', '2026-12', '2027-01'] },
    )
    expect(resolvePeriod({ period: 'custom', from: '2026-02-30', to: '2026-03-01' })).toEqual({
      error: '起止日期格式应为“2026-01-31”',
    })
    expect(currentPeriod('quarter', '2026-11-27').label).toBe('2026-Q4')
  })
})
