/**
 * Just enough PDF reading to check a printed page (test/e2e/print.test.ts),
 * without poppler on the CI machine: the page count, and the text, decoded
 * from Chromium's content streams through each font's ToUnicode map. Works
 * for what Chromium (Skia) writes: plain objects, Flate streams, Type0 fonts
 * with two-byte glyph ids; not a general PDF reader.
 */
import { inflateSync } from 'node:zlib'

interface PdfObject {
  dict: string
  stream: Buffer | null
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1')
  const found = new Map<number, PdfObject>()
  for (const match of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2] ?? ''
    const start = body.indexOf('stream')
    if (start < 0) {
      found.set(Number(match[1]), { dict: body, stream: null })
      continue
    }
    const dict = body.slice(0, start)
    let from = start + 'stream'.length
    if (body[from] === '\r') from += 1
    if (body[from] === '\n') from += 1
    const raw = Buffer.from(body.slice(from, body.lastIndexOf('endstream')), 'latin1')
    let stream = raw
    if (dict.includes('/FlateDecode')) {
      try {
        stream = inflateSync(raw)
      } catch {
        stream = Buffer.alloc(0)
      }
    }
    found.set(Number(match[1]), { dict, stream })
  }
  return found
}

/** glyph id (hex) → text, from a ToUnicode CMap. */
function cmapOf(source: string): Map<string, string> {
  const map = new Map<string, string>()
  const utf16 = (hex: string) =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)))
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set((pair[1] ?? '').toUpperCase(), utf16(pair[2] ?? ''))
    }
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of (block[1] ?? '').matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g,
    )) {
      const width = (range[1] ?? '').length
      const low = parseInt(range[1] ?? '0', 16)
      const high = parseInt(range[2] ?? '0', 16)
      const first = parseInt(range[3] ?? '0', 16)
      for (let code = low; code <= high; code += 1) {
        map.set(
          code.toString(16).toUpperCase().padStart(width, '0'),
          String.fromCodePoint(first + code - low),
        )
      }
    }
  }
  return map
}

/** The number of pages of a PDF. */
export function pdfPageCount(pdf: Buffer): number {
  return [...pdf.toString('latin1').matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length
}

/** The text of every page, in content order, without spaces between runs. */
export function pdfText(pdf: Buffer): string {
  const all = objects(pdf)
  const fontMaps = new Map<string, Map<string, string>>()
  for (const { dict } of all.values()) {
    for (const fonts of dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const entry of (fonts[1] ?? '').matchAll(/\/([\w.+-]+)\s+(\d+)\s+0\s+R/g)) {
        const font = all.get(Number(entry[2]))
        const toUnicode = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(font?.dict ?? '')
        const cmap = all.get(Number(toUnicode?.[1]))?.stream
        if (cmap) fontMaps.set(entry[1] ?? '', cmapOf(cmap.toString('latin1')))
      }
    }
  }
  let text = ''
  for (const { stream } of all.values()) {
    const content = stream?.toString('latin1') ?? ''
    if (!/\bT[Jj]\b/.test(content)) continue
    let cmap: Map<string, string> | undefined
    for (const token of content.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|\bET\b/g)) {
      if (token[1] !== undefined) {
        cmap = fontMaps.get(token[1])
      } else if (token[2] !== undefined && cmap) {
        const width = [...cmap.keys()][0]?.length ?? 4
        for (const glyph of token[2].toUpperCase().match(new RegExp(`.{${width}}`, 'g')) ?? []) {
          text += cmap.get(glyph) ?? ''
        }
      } else if (token[0] === 'ET') {
        text += '\n'
      }
    }
  }
  return text
}
