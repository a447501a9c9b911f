import { describe, expect, it } from 'vitest'
import { tableOfText } from './table-text.ts'

describe('a disclosure table typed as lines', () => {
  it('reads the header and rows, with Chinese commas and tabs, padding short rows', () => {
    expect(tableOfText('项目，收入,支出\n村道维修,\t46800\n办公经费\n')).toEqual({
      columns: ['项目', '收入', '支出'],
      rows: [
        ['村道维修', '', '46800'],
        ['办公经费', '', ''],
      ],
    })
  })

  it('is no table when nothing is typed', () => {
    expect(tableOfText(' \n  ')).toBeNull()
  })
})
