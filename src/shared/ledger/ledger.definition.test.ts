import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { chineseDate, daysBetween, defineLedger, grouped, readWith } from './ledger.definition.ts'
import { LEDGERS } from './ledgers.ts'

const context = { unitName: (path: string) => `单位${path}` }

describe('ledger definitions', () => {
  it('writes dates the county way and counts calendar days', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日')
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3)
    expect(daysBetween('2026-11-27', '2026-11-27')).toBe(0)
  })

  it('seals a ledger: headers, groups, widths, and rows of what it reads', () => {
    const memo = z.object({ text: z.string(), at: z.string(), count: z.number() })
    const ledger = defineLedger<z.infer<typeof memo>>({
      id: 'test',
      title: '测试台账',
      kind: 'memo',
      read: readWith(memo),
      dateOf: (row) => row.at,
      columns: [
        { header: '内容', width: 10, value: (row) => row.text },
        { header: '数量', group: '统计', width: 4, summary: 'sum', value: (row) => row.count },
        { header: '单位', group: '统计', width: 8, value: (_row, ctx) => ctx.unitName('/a/') },
      ],
    })
    expect(ledger.headers).toEqual(['内容', '数量', '单位'])
    expect(ledger.groups).toEqual([null, '统计', '统计'])
    expect(ledger.summaries).toEqual([null, 'sum', null])
    expect(ledger.hasParent).toBe(false)
    expect(ledger.row({ text: '路灯', at: '2026-11-27', count: 2 }, context)).toEqual({
      date: '2026-11-27',
      parent: null,
      cells: ['路灯', 2, '单位/a/'],
    })
    // A record that does not parse is left out, never guessed.
    expect(ledger.row({ text: '路灯' }, context)).toBeNull()
  })

  it('puts grouped columns under their group, in order, among the others', () => {
    const ledger = defineLedger<{ from: string; to: string; count: number }>({
      id: 'test',
      title: '测试台账',
      kind: 'memo',
      read: (data) => ({ from: String(data.from), to: String(data.to), count: 1 }),
      dateOf: (row) => row.from,
      columns: [
        { header: '数量', width: 4, summary: 'sum', value: (row) => row.count },
        grouped('期间', [
          { header: '开始', width: 8, value: (row) => row.from },
          { header: '结束', width: 8, value: (row) => row.to },
        ]),
        { header: '备注', group: '其他', width: 6, value: () => '' },
      ],
    })
    expect(ledger.headers).toEqual(['数量', '开始', '结束', '备注'])
    expect(ledger.groups).toEqual([null, '期间', '期间', '其他'])
    expect(ledger.widths).toEqual([4, 8, 8, 6])
    expect(ledger.summaries).toEqual(['sum', null, null, null])
    expect(ledger.row({ from: '2026-11-01', to: '2026-11-27' }, context)?.cells).toEqual([
      1,
      '2026-11-01',
      '2026-11-27',
      '',
    ])
  })

  it('gives every ledger a unique id and a header per width', () => {
    const ids = LEDGERS.map((ledger) => ledger.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const ledger of LEDGERS) {
      expect(ledger.widths).toHaveLength(ledger.headers.length)
      expect(ledger.title).toMatch(/\p{Script=Han}/u)
    }
  })
})
