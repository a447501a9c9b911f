/**
 * A ledger as an Excel workbook, written with exceljs's streaming writer:
 * each row is committed (serialised into the zip) as soon as it is read, so
 * memory stays flat however long the ledger. The county's conventions: a
 * merged title row with unit and period, a merged subtitle (who exported
 * it, when), a two-row header whose group cells are merged across their
 * columns (and a lone column's cell down both rows), the header frozen,
 * widths sized for Chinese text, dates as real dates shown '2026年11月27日',
 * and optionally one sheet per township or village.
 */
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Ledger, LedgerCell } from '#shared/ledger/ledger.definition.ts'
import type { PlacedRow } from './ledger.rows.ts'
import { ledgerFoot, type LedgerFoot } from './ledger.summary.ts'
import type { LedgerHead, SheetOf } from './ledger.sheets.ts'

const DATE_FORMAT = 'yyyy"年"m"月"d"日"'
/** Excel's width unit is about one Latin digit; a Chinese character takes two. */
const CHAR_WIDTH = 2.2
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
}
/** Title, subtitle and the two header rows stay on screen while scrolling. */
const FROZEN_ROWS = 4
/** Rows between two yields to the event loop, so other requests are served meanwhile. */
const ROWS_PER_TURN = 500

/** Writes the ledger's rows into `out` as an .xlsx file; resolves when the file is complete. */
export async function writeLedgerXlsx(
  out: Writable,
  ledger: Ledger,
  head: LedgerHead,
  rows: AsyncIterable<PlacedRow>,
  sheetOf: SheetOf,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  })
  workbook.creator = head.exportedBy
  let sheet: {
    key: string
    worksheet: ExcelJS.Worksheet
    serial: number
    foot: LedgerFoot
  } | null = null
  const names = new Set<string>()
  let written = 0
  for await (const row of rows) {
    const place = sheetOf(row.orgPath)
    if (sheet === null || sheet.key !== place.key) {
      if (sheet !== null) endSheet(sheet.worksheet, sheet.foot)
      const worksheet = startSheet(workbook, ledger, head, uniqueName(place.name, names))
      sheet = { key: place.key, worksheet, serial: 0, foot: ledgerFoot(ledger) }
    }
    sheet.serial += 1
    sheet.foot.add(row.cells)
    addDataRow(sheet.worksheet, sheet.serial, row.cells)
    written += 1
    if (written % ROWS_PER_TURN === 0) await drained(out)
  }
  // An empty ledger is still a workbook with its title and header.
  if (sheet === null) startSheet(workbook, ledger, head, ledger.title).commit()
  else endSheet(sheet.worksheet, sheet.foot)
  await workbook.commit()
}

/** Adds the foot row (sums and means), if the ledger has one, and commits the sheet. */
function endSheet(worksheet: ExcelJS.Worksheet, foot: LedgerFoot): void {
  const cells = foot.row()
  if (cells !== null) {
    const row = worksheet.addRow(cells)
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.style = { ...CELL_STYLE, font: { bold: true } }
    })
    row.commit()
  }
  worksheet.commit()
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique within the workbook. */
function uniqueName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '').slice(0, 28) || '台账'
  let candidate = base
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}(${n})`
  taken.add(candidate)
  return candidate
}

function startSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  ledger: Ledger,
  head: LedgerHead,
  name: string,
): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: FROZEN_ROWS }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  })
  const width = ledger.headers.length + 1
  worksheet.columns = [4, ...ledger.widths].map((chars) => ({ width: chars * CHAR_WIDTH }))
  const title = worksheet.addRow([head.title])
  title.height = 30
  title.getCell(1).style = {
    font: { bold: true, size: 16 },
    alignment: { horizontal: 'center', vertical: 'middle' },
  }
  worksheet.mergeCells(1, 1, 1, width)
  const subtitle = worksheet.addRow([head.subtitle])
  subtitle.getCell(1).style = { alignment: { horizontal: 'right' } }
  worksheet.mergeCells(2, 1, 2, width)
  // Header: the group's name above its columns; a column without a group spans both rows.
  const groups = ledger.groups
  const top = worksheet.addRow(['序号', ...ledger.headers.map((header, i) => groups[i] ?? header)])
  const bottom = worksheet.addRow(['序号', ...ledger.headers])
  for (const row of [top, bottom]) {
    for (let column = 1; column <= width; column++) {
      row.getCell(column).style = {
        font: { bold: true },
        alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
        border: BORDER,
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
      }
    }
  }
  worksheet.mergeCells(3, 1, 4, 1)
  let column = 0
  while (column < groups.length) {
    const group = groups[column] ?? null
    let end = column
    while (group !== null && end + 1 < groups.length && groups[end + 1] === group) end += 1
    if (group === null) worksheet.mergeCells(3, column + 2, 4, column + 2)
    else if (end > column) worksheet.mergeCells(3, column + 2, 3, end + 2)
    column = end + 1
  }
  for (const row of [title, subtitle, top, bottom]) row.commit()
  return worksheet
}

function addDataRow(worksheet: ExcelJS.Worksheet, serial: number, cells: LedgerCell[]): void {
  const row = worksheet.addRow([serial, ...cells.map(excelValue)])
  // exceljs gives every row a style object of its own and looks each one up
  // by rendering it to XML; one shared (empty) object is looked up once.
  ;(row as StyledRow).style = ROW_STYLE
  row.eachCell({ includeEmpty: true }, (cell) => {
    const isDate = cell.value instanceof Date
    cell.style = isDate ? DATE_STYLE : CELL_STYLE
  })
  row.commit()
}

const ROW_STYLE: Partial<ExcelJS.Style> = {}
/** exceljs's rows carry a style; its typings leave it out. */
type StyledRow = ExcelJS.Row & { style: Partial<ExcelJS.Style> }

const CELL_STYLE: Partial<ExcelJS.Style> = {
  alignment: { vertical: 'top', wrapText: true },
  border: BORDER,
}
const DATE_STYLE: Partial<ExcelJS.Style> = { ...CELL_STYLE, numFmt: DATE_FORMAT }

function excelValue(cell: LedgerCell): ExcelJS.CellValue {
  if (cell === null || typeof cell === 'string' || typeof cell === 'number') return cell
  // Midnight UTC of the China date: Excel dates have no zone, the day is what counts.
  return new Date(`${cell.date}T00:00:00Z`)
}

/**
 * Waits while `out` holds more than its high-water mark (the client reads
 * slowly); a client that went away ends the export instead of leaving it
 * waiting for a drain that never comes.
 */
export async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw new Error('ledger export: the client went away')
  if (!out.writableNeedDrain) return new Promise<void>((resolve) => setImmediate(resolve))
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done)
      out.off('close', done)
      resolve()
    }
    out.on('drain', done)
    out.on('close', done)
  })
  if (out.destroyed) throw new Error('ledger export: the client went away')
}
