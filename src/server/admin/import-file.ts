/**
 * Reads an uploaded onboarding file (xlsx or CSV, with exceljs) into the
 * rows of its units and accounts tables, each a map header → cell text. A
 * table is recognised by its header row (src/shared/admin/user-import.ts),
 * whatever the sheet is called; the template (`writeTemplate`) is the same
 * layout with a sample row each.
 */
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import {
  ACCOUNT_COLUMNS,
  IMPORT_SHEETS,
  ROLE_LABELS,
  TIER_LABELS,
  UNIT_COLUMNS,
} from '#shared/admin/user-import.ts'

export interface ImportRow {
  /** The row number as the spreadsheet shows it. */
  row: number
  cells: Record<string, string>
}

export interface ImportTables {
  units: ImportRow[]
  accounts: ImportRow[]
}

/** At most this many rows per table: a county's onboarding, not a data dump. */
export const MAX_IMPORT_ROWS = 5000

/** The start of every xlsx file (a zip archive). */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim()
    if ('text' in value && typeof value.text === 'string') return value.text.trim()
    if ('result' in value) return cellText(value.result ?? null)
    if (value instanceof Date) return value.toISOString()
    return ''
  }
  return String(value).trim()
}

function readSheet(sheet: ExcelJS.Worksheet): { headers: string[]; rows: ImportRow[] } {
  const headers: string[] = []
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
    headers[column] = cellText(cell.value)
  })
  const rows: ImportRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return
    const cells: Record<string, string> = {}
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const header = headers[column]
      if (header) cells[header] = cellText(cell.value)
    })
    if (Object.values(cells).some((text) => text !== '')) rows.push({ row: number, cells })
  })
  return { headers, rows }
}

const has = (headers: string[], columns: Record<string, string>) =>
  Object.values(columns).every((header) => headers.includes(header))

/** The tables of the file, or null when it is neither a workbook nor a CSV we can read. */
export async function readImportFile(body: Buffer): Promise<ImportTables | null> {
  const workbook = new ExcelJS.Workbook()
  try {
    if (body.subarray(0, 4).equals(ZIP_MAGIC)) {
      // exceljs's types want its own Buffer flavour; a Node Buffer is one at run time.
      await workbook.xlsx.load(new Uint8Array(body).buffer)
    } else {
      // A UTF-8 byte-order mark (Excel writes one) would stick to the first header.
      const text = body.toString('utf8').replace(/^\uFEFF/, '')
      await workbook.csv.read(Readable.from([text]), {
        parserOptions: { trim: true },
        // Keep every cell as text: a phone must not become a number, a code a date.
        map: (value: unknown) => value,
      })
    }
  } catch {
    return null
  }
  const tables: ImportTables = { units: [], accounts: [] }
  let found = false
  for (const sheet of workbook.worksheets) {
    const { headers, rows } = readSheet(sheet)
    if (has(headers, UNIT_COLUMNS)) tables.units.push(...rows)
    else if (has(headers, ACCOUNT_COLUMNS)) tables.accounts.push(...rows)
    else continue
    found = true
  }
  return found ? tables : null
}

/** The template to download: both tables with their headers, a sample row and a legend. */
export async function writeTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const units = workbook.addWorksheet(IMPORT_SHEETS.units)
  units.addRow(Object.values(UNIT_COLUMNS))
  units.addRow(['T9', '示例镇', TIER_LABELS.township, '（县的单位编码）'])
  const accounts = workbook.addWorksheet(IMPORT_SHEETS.accounts)
  accounts.addRow(Object.values(ACCOUNT_COLUMNS))
  accounts.addRow(['13800000000', '张三', ROLE_LABELS.grid_worker, 'T9-V1-G1'])
  for (const sheet of [units, accounts]) {
    sheet.getRow(1).font = { bold: true }
    sheet.views = [{ state: 'frozen', ySplit: 1 }]
    // Chinese text is twice as wide as Latin; phones and codes must stay text.
    sheet.columns.forEach((column) => {
      column.width = 18
      column.numFmt = '@'
    })
  }
  const legend = workbook.addWorksheet('说明')
  legend.addRows([
    [
      '层级可填：',
      Object.values(TIER_LABELS)
        .filter((label) => label !== TIER_LABELS.county)
        .join('、'),
    ],
    [
      '角色可填：',
      Object.entries(ROLE_LABELS)
        .filter(([role]) => role !== 'admin')
        .map(([, label]) => label)
        .join('、'),
    ],
    ['单位编码：', '字母、数字和短横线，2–40位；再次导入时按编码更新，不会重复新建'],
    ['账号：', '按手机号更新；新账号的临时密码在导入后打印，首次登录须修改'],
    ['示例行：', '上传前请删除示例行'],
  ])
  legend.getColumn(1).width = 14
  legend.getColumn(2).width = 80
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
