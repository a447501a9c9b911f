/**
 * A policy's document number (文号), compared the way people type it: a
 * county issues each number once, so two policies with the same number are
 * almost surely one policy registered twice (issue #12.10c).
 */

/** Bracket look-alikes typed for 〔 〕 (half- and full-width, 【】, 〖〗). */
const OPENING = /[[［【〖(（]/g
const CLOSING = /[\]］】〗)）]/g

/** The form two numbers are compared in: no spaces, 〔 〕 for any brackets, upper case. */
export function documentNumberKey(documentNumber: string): string {
  return documentNumber
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(OPENING, '〔')
    .replace(CLOSING, '〕')
    .toUpperCase()
}

/** Whether two document numbers name the same document. */
export function isSameDocumentNumber(a: string, b: string): boolean {
  return documentNumberKey(a) === documentNumberKey(b)
}
