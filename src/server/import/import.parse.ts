/**
 * Reading another platform's export: a CSV (UTF-8 with or without BOM, or
 * GB18030 as Excel writes it on Chinese Windows) or an xlsx, both through
 * exceljs, into a header row and rows of trimmed strings. The first sheet
 * only; the first row is the header. A file that is neither gives 400.
 */
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { MAX_IMPORT_ROWS } from '#shared/import/import.schema.ts'
import { HttpError } from '../plugins/errors.ts'

/** The file kinds an import reads. */
export type ImportFormat = 'csv' | 'xlsx'

/** A parsed export: its headers and its rows (each as long as the header). */
export interface ParsedTable {
  headers: string[]
  /** Rows after the header, with their line numbers (the header is line 1). */
  rows: { line: number; cells: string[] }[]
}

const unreadable = (reason: string) => new HttpError(400, 'validation_failed', reason)

/** The most an xlsx may unpack to: a 20,000-row export is a few MB; a zip bomb is GBs. */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024

/**
 * The total unpacked size an xlsx (a zip) declares in its central
 * directory, read before exceljs inflates anything; null when the bytes
 * are no zip. A lying size only makes exceljs fail on the entry.
 */
export function declaredUnpackedBytes(data: Buffer): number | null {
  // End of central directory: signature 0x06054b50, at most 64 KB of comment after it.
  const from = Math.max(0, data.length - 22 - 0xffff)
  let end = -1
  for (let at = data.length - 22; at >= from; at--) {
    if (data.readUInt32LE(at) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) return null
  const entries = data.readUInt16LE(end + 10)
  let at = data.readUInt32LE(end + 16)
  let total = 0
  for (let i = 0; i < entries; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) return null
    total += data.readUInt32LE(at + 24)
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32)
  }
  return total
}

/** Decodes CSV bytes: UTF-8 when they are valid UTF-8, else GB18030. */
function decodeCsv(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data)
  } catch {
    return new TextDecoder('gb18030').decode(data)
  }
}

/** A cell as the text a person sees in it. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'string') return value.trim()
  return cell.text.trim()
}

async function readSheet(data: Buffer, format: ImportFormat): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  try {
    if (format === 'xlsx') {
      const unpacked = declaredUnpackedBytes(data)
      if (unpacked === null) throw unreadable('无法读取该Excel文件，请另存为xlsx后再试')
      if (unpacked > MAX_UNPACKED_BYTES) throw unreadable('Excel文件过大，请分批导入')
      // exceljs's typings name an older Buffer type.
      await workbook.xlsx.load(data as unknown as ExcelJS.Buffer)
      const sheet = workbook.worksheets[0]
      if (!sheet) throw unreadable('表格中没有工作表')
      return sheet
    }
    // Every value stays text: a ticket "00123" must not become the number 123.
    return await workbook.csv.read(Readable.from([decodeCsv(data)]), {
      map: (value: unknown) => (typeof value === 'string' ? value : ''),
    })
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw unreadable(
      format === 'xlsx' ? '无法读取该Excel文件，请另存为xlsx后再试' : '无法读取该CSV文件',
    )
  }
}

/** The header and rows of an export; 400 when unreadable, empty or too long. */
export async function parseTable(data: Buffer, format: ImportFormat): Promise<ParsedTable> {
  const sheet = await readSheet(data, format)
  const width = sheet.getRow(1).cellCount
  const headers: string[] = []
  for (let col = 1; col <= width; col++) headers.push(cellText(sheet.getRow(1).getCell(col)))
  if (headers.every((h) => h === '')) throw unreadable('第1行应为列名')
  const rows: ParsedTable['rows'] = []
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return
    const cells = headers.map((_, index) => cellText(row.getCell(index + 1)))
    if (cells.some((c) => c !== '')) rows.push({ line, cells })
  })
  if (rows.length === 0) throw unreadable('文件中没有数据行')
  if (rows.length > MAX_IMPORT_ROWS) {
    throw unreadable(`一次最多导入${MAX_IMPORT_ROWS}行，请分批导入`)
  }
  return { headers, rows }
}
