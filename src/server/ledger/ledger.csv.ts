/**
 * A ledger as CSV: the same rows as the workbook, in one table (a sheet
 * column replaces the split), UTF-8 with a byte-order mark so that Excel on
 * a Chinese Windows opens it without mojibake, CRLF line ends (RFC 4180).
 * A cell that starts with = + - @ (or a tab or carriage return) gets a
 * leading apostrophe: residents' words are never run as a spreadsheet
 * formula (CSV injection); the workbook stores text as text and needs none.
 */
import type { Writable } from 'node:stream'
import { chineseDate, type Ledger, type LedgerCell } from '#shared/ledger/ledger.definition.ts'
import type { PlacedRow } from './ledger.rows.ts'
import { ledgerFoot } from './ledger.summary.ts'
import type { LedgerHead, SheetOf } from './ledger.sheets.ts'
import { drained } from './ledger.xlsx.ts'

const BOM = '\uFEFF'
/** Rows per write: one write per row would cost a syscall-sized chunk each. */
const ROWS_PER_CHUNK = 500

/** Writes the ledger's rows into `out` as CSV and ends it. */
export async function writeLedgerCsv(
  out: Writable,
  ledger: Ledger,
  head: LedgerHead,
  rows: AsyncIterable<PlacedRow>,
  sheetOf: SheetOf,
  isSplit: boolean,
): Promise<void> {
  const header = ['序号', ...(isSplit ? ['分表'] : []), ...headersOf(ledger)]
  let chunk = `${BOM}${csvLine([head.title])}${csvLine(header)}`
  let serial = 0
  const foot = ledgerFoot(ledger)
  for await (const row of rows) {
    serial += 1
    foot.add(row.cells)
    const sheet = isSplit ? [sheetOf(row.orgPath).name] : []
    chunk += csvLine([String(serial), ...sheet, ...row.cells.map(csvText)])
    if (serial % ROWS_PER_CHUNK === 0) {
      out.write(chunk)
      chunk = ''
      await drained(out)
    }
  }
  const footRow = foot.row()
  if (footRow !== null) {
    const [label = '', ...cells] = footRow
    chunk += csvLine([String(label), ...(isSplit ? [''] : []), ...cells.map(csvText)])
  }
  out.end(chunk)
}

/** '回访反馈·满意度': a grouped column's header carries its group. */
function headersOf(ledger: Ledger): string[] {
  return ledger.headers.map((header, i) => {
    const group = ledger.groups[i] ?? null
    return group === null ? header : `${group}·${header}`
  })
}

function csvText(cell: LedgerCell): string {
  if (cell === null) return ''
  if (typeof cell === 'number') return String(cell)
  if (typeof cell === 'string') return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
  return chineseDate(cell.date)
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',')}\r\n`
}
