import { describe, expect, it } from 'vitest'
import { actorAt } from '../sync/record-kind.fixtures.ts'
import { applyDisclosure } from './disclosure.kind.ts'
import { disclosureGaps, monthsBefore, supervisedCategories } from './disclosure-gaps.ts'

const V1 = '/c/t1/v1/'
const cadre = actorAt('village_cadre', V1, { id: 'u1', name: '王村干' }, '2026-10-08T02:00:00.000Z')
const payload = {
  category: 'village_finance',
  title: '第三季度财务公开',
  body: '收支如下',
  periodFrom: '2026-07-01',
  periodTo: '2026-09-30',
}
const op = (name: string, body: Record<string, unknown> = {}) => ({
  op: name,
  payload: body,
  baseVersion: 0,
})

describe('a disclosure', () => {
  it('is its author’s unit’s, a draft until published, and keeps every step in its ledger', () => {
    const draft = applyDisclosure(null, op('create', { ...payload, unit: '/c/t2/' }), cadre)
    expect(draft).toMatchObject({ unit: V1, status: 'draft', publishedAt: null, table: null })
    const published = applyDisclosure(draft, op('publish'), cadre)
    expect(published).toMatchObject({ status: 'published', publishedAt: cadre.at })
    expect(() => applyDisclosure(published, op('edit', payload), cadre)).toThrow('撤回')
    expect(() => applyDisclosure(published, op('withdraw'), cadre)).toThrow()
    const withdrawn = applyDisclosure(published, op('withdraw', { reason: '金额有误' }), cadre)
    expect(withdrawn.ledger.map((entry) => [entry.action, entry.reason])).toEqual([
      ['create', null],
      ['publish', null],
      ['withdraw', '金额有误'],
    ])
  })

  it('refuses a grid worker and another village’s cadre', () => {
    expect(() =>
      applyDisclosure(null, op('create', payload), { ...cadre, role: 'grid_worker' }),
    ).toThrow('只有村')
    const draft = applyDisclosure(null, op('create', payload), cadre)
    expect(() => applyDisclosure(draft, op('publish'), { ...cadre, orgPath: '/c/t1/v2/' })).toThrow(
      '本单位',
    )
  })

  it('refuses a table whose rows are not as wide as its header', () => {
    const table = { columns: ['项目', '金额'], rows: [['村道维修']] }
    expect(() => applyDisclosure(null, op('create', { ...payload, table }), cadre)).toThrow(
      '表头一致',
    )
  })
})

describe('disclosure gaps', () => {
  it('counts months back, clamped to the month’s end', () => {
    expect(monthsBefore('2026-05-31', 3)).toBe('2026-02-28')
    expect(monthsBefore('2026-01-15', 6)).toBe('2025-07-15')
  })

  it('flags a category not published within its period; a withdrawn notice does not count', () => {
    const categories = supervisedCategories([
      { id: 'dw', name: '党务公开', periodMonths: 1, isActive: true },
      { id: 'old', name: '停用类别', periodMonths: 1, isActive: false },
    ])
    const gaps = disclosureGaps(
      [V1],
      [
        { unit: V1, category: 'village_finance', status: 'published', publishedOn: '2026-09-01' },
        { unit: V1, category: 'social_assistance', status: 'withdrawn', publishedOn: '2026-10-01' },
        { unit: V1, category: 'county:dw', status: 'archived', publishedOn: '2026-09-01' },
      ],
      categories,
      '2026-10-27',
    )
    const missing = gaps[0]?.missing.map((entry) => entry.key) ?? []
    expect(missing).not.toContain('village_finance')
    expect(missing).toContain('social_assistance')
    expect(missing).toContain('county:dw')
    expect(missing).not.toContain('county:old')
  })
})
