/**
 * The adoption report (征求意见采纳情况说明) as a CSV file that county staff
 * open in Excel or WPS. Built on the device from the same rows the report
 * page shows, so it works offline and carries no name or phone either.
 */

/** One cell of the export: text as shown on the report, or a number. */
export type CsvCell = string | number

/**
 * Byte order mark: without it Excel and WPS read a UTF-8 file as the local
 * code page (GBK on Chinese Windows) and the Chinese comes out garbled.
 */
export const CSV_BOM = '\uFEFF'

/**
 * A spreadsheet runs text starting with one of these as a formula
 * (CSV/formula injection, e.g. an opinion typed as `=HYPERLINK(...)`); tab
 * and carriage return are in OWASP's list too.
 */
const FORMULA_START = /^[=+\-@\t\r]/

function escapeCell(cell: CsvCell): string {
  if (typeof cell === 'number') return String(cell)
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * The CSV text of a report table: BOM, header line, one line per row, CRLF
 * line ends (RFC 4180, what Excel writes), every text cell safe to open.
 */
export function adoptionReportCsv(headers: readonly string[], rows: readonly CsvCell[][]): string {
  const lines = [headers, ...rows].map((cells) => cells.map(escapeCell).join(','))
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`
}
