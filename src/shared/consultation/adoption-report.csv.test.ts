import { describe, expect, it } from 'vitest'
import { CSV_BOM, adoptionReportCsv } from './adoption-report.csv.ts'

const HEADERS = ['序号', '来源', '意见内容', '采纳情况', '理由']

describe('adoption report CSV', () => {
  it('starts with the BOM and writes the header and one CRLF line per row', () => {
    const csv = adoptionReportCsv(HEADERS, [[1, '座谈会 · 东村', '提高补贴', '采纳', '已修改']])
    expect(csv.startsWith(CSV_BOM)).toBe(true)
    expect(csv.slice(1)).toBe(
      '序号,来源,意见内容,采纳情况,理由\r\n1,座谈会 · 东村,提高补贴,采纳,已修改\r\n',
    )
  })

  it('quotes cells with commas, quotes or line breaks', () => {
    const csv = adoptionReportCsv(['a', 'b', 'c'], [['甲,乙', '他说"好"', '第一行\n第二行']])
    expect(csv.split('\r\n')[1]).toBe('"甲,乙","他说""好""","第一行\n第二行"')
  })

  it('prefixes text a spreadsheet would run as a formula, not numbers', () => {
    const csv = adoptionReportCsv(
      ['a', 'b', 'c', 'd', 'e', 'f'],
      [['=1+1', '+86', '-2', '@SUM(A1)', '=HYPERLINK("x","y")', -3]],
    )
    expect(csv.split('\r\n')[1]).toBe(`'=1+1,'+86,'-2,'@SUM(A1),"'=HYPERLINK(""x"",""y"")",-3`)
  })
})
