/**
 * A disclosure's table typed as lines (first line the header, cells split
 * by a comma, a Chinese comma or a tab): a form cannot hold a spreadsheet
 * editor on a 360 px phone, and cadres paste such lines from their books.
 */
import type { DisclosureTable } from '#shared/disclosure/disclosure.schema.ts'

/** The table of `text`, or null when it is empty. Rows are padded to the header's width. */
export function tableOfText(text: string): DisclosureTable | null {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const [head, ...body] = lines.map((line) => line.split(/[,，\t]/).map((cell) => cell.trim()))
  if (!head) return null
  return {
    columns: head,
    rows: body.map((row) => head.map((_, index) => row[index] ?? '')),
  }
}
