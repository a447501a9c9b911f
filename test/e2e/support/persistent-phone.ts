/**
 * A phone whose browser profile lives in a folder: closing it and launching
 * it again on the same folder keeps IndexedDB, the service worker and the
 * session cookie, as closing and reopening a real phone's browser does.
 * (A plain browser context loses its storage when closed.)
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { PHONE_SIZE } from './e2e-env.ts'
import { CHROMIUM_LAUNCH, watchCsp } from '../../support/chromium.ts'
import { encodePng } from '../../support/png.ts'

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
  return encodePng(width, height, (x, y) => [
    Math.round((255 * x) / width),
    Math.round((255 * y) / height),
    160,
  ])
}
