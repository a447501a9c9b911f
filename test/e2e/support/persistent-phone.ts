/**
 * A phone whose browser profile lives in a folder: closing it and launching
 * it again on the same folder keeps IndexedDB, the service worker and the
 * session cookie, as closing and reopening a real phone's browser does.
 * (A plain browser context loses its storage when closed.)
 */
import { deflateSync, crc32 } from 'node:zlib'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { PHONE_SIZE } from './e2e-env.ts'
import { CHROMIUM_LAUNCH, watchCsp } from '../../support/chromium.ts'

/** Launches Chromium on `userDataDir` with the same phone settings as `E2eEnv.newPhone`. */
export async function newPersistentPhone(
  baseUrl: string,
  userDataDir: string,
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...CHROMIUM_LAUNCH,
    baseURL: baseUrl,
    viewport: PHONE_SIZE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
  await watchCsp(context)
  return context
}

/** The context's first page (a persistent context opens with one). */
export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage())
}

/** A real PNG (a colour gradient), so that the app's photo compression has pixels to work on. */
export function gradientPng(width = 64, height = 48): Buffer {
  const rows: Buffer[] = []
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3) // filter byte 0, then RGB
    for (let x = 0; x < width; x += 1) {
      row[1 + x * 3] = Math.round((255 * x) / width)
      row[2 + x * 3] = Math.round((255 * y) / height)
      row[3 + x * 3] = 160
    }
    rows.push(row)
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
