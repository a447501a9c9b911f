/**
 * The browser half of the benchmark: bundles test/bench/browser/entry.ts with
 * Vite's build API (IIFE) into a temp folder with a blank index.html, which
 * the real server serves as its static app, and opens it in Debian's Chromium
 * through playwright-core, as test/e2e does. A persistent profile (a real
 * user-data folder) keeps IndexedDB on disk as on a phone, not in memory as
 * in an incognito context.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { CHROMIUM_LAUNCH } from '../../support/chromium.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export interface BenchPage {
  /** The folder to serve: index.html + bench.js. */
  dir: string
  remove(): Promise<void>
}

export async function buildBenchPage(): Promise<BenchPage> {
  const dir = await mkdtemp(join(tmpdir(), 'shuoshi-bench-page-'))
  try {
    await build({
      configFile: false,
      root: ROOT,
      logLevel: 'warn',
      publicDir: false,
      resolve: {
        alias: {
          '#shared': join(ROOT, 'src/shared'),
          '#app': join(ROOT, 'src/app'),
        },
      },
      define: {
        __APP_VERSION__: JSON.stringify('bench'),
        'process.env.NODE_ENV': JSON.stringify('production'),
      },
      build: {
        outDir: dir,
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        reportCompressedSize: false,
        lib: {
          entry: join(ROOT, 'test/bench/browser/entry.ts'),
          formats: ['iife'],
          name: 'shuoshiBenchBundle',
          fileName: () => 'bench.js',
        },
      },
    })
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>说事 sync bench</title>' +
        '<script src="/bench.js"></script></head><body></body></html>\n',
    )
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

export interface BenchBrowser {
  page: Page
  close(): Promise<void>
}

/** Chromium with a fresh on-disk profile, on the bench page of `baseUrl`. */
export async function openBenchBrowser(baseUrl: string): Promise<BenchBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'shuoshi-bench-chromium-'))
  let context: BrowserContext | null = null
  const close = async () => {
    await context?.close().catch(() => undefined)
    await rm(profile, { recursive: true, force: true })
  }
  try {
    context = await chromium.launchPersistentContext(profile, {
      ...CHROMIUM_LAUNCH,
      baseURL: baseUrl,
      locale: 'zh-CN',
    })
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto('/')
    await page.waitForFunction(() => 'shuoshiBench' in window)
    return { page, close }
  } catch (error) {
    await close()
    throw error
  }
}
