/**
 * `npm run bench:lighthouse`: Lighthouse (the npm package, pinned in
 * devDependencies) with its default mobile preset — simulated slow 4G, 4×
 * CPU slowdown, a Moto G Power screen — on the built app served by the real
 * server (test/bench/support/app-process.ts). Pages: the login page signed
 * out, then 首页 and 说事 signed in as the demo village cadre after the
 * device's first sync. Lighthouse opens its own tab in the same Chromium
 * profile (through a DevTools port), so the session cookie and IndexedDB
 * are the device's; before each run it clears the service worker, Cache
 * Storage and the HTTP cache, so every run loads the app cold.
 *
 * Each page: the median of 3 runs by performance score (BENCH_SMOKE=1: one
 * run of the login page). Prints performance, accessibility, LCP, FCP, TBT,
 * CLS and bytes, and checks that every run finished without a runtime
 * error and with scores; figures are never asserted (a shared machine is
 * noisy: the host's benchmark index is printed next to them).
 * LIGHTHOUSE_REPORT_DIR=<folder> keeps every run's full report (JSON);
 * LIGHTHOUSE_BASELINE_DIST=<dist folder> measures another build in the same
 * run, each page's runs taken in turns with this build's.
 */
import { rm, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import lighthouse from 'lighthouse'
import { PHONES } from '../support/demo-county.ts'
import { freePort, startAppProcess } from './support/app-process.ts'
import { openAppBrowser, signInByApi, waitForSyncAfter } from './support/app-browser.ts'

const SMOKE = process.env.BENCH_SMOKE === '1'
/** A folder to keep every run's full Lighthouse report in (JSON), to see why. */
const REPORT_DIR = process.env.LIGHTHOUSE_REPORT_DIR
const RUNS = SMOKE ? 1 : Number(process.env.LIGHTHOUSE_RUNS ?? 3)
/**
 * Another build (e.g. main's `dist/`, built elsewhere) to measure in the same
 * run, in turns with this one: on a shared machine only such a pairing
 * compares two versions fairly.
 */
const BASELINE_DIST = process.env.LIGHTHOUSE_BASELINE_DIST

interface Figures {
  performance: number
  accessibility: number
  lcpMs: number
  fcpMs: number
  tbtMs: number
  cls: number
  bytes: number
  benchmarkIndex: number
}

interface LighthouseResultLike {
  runtimeError?: { code: string; message: string }
  categories: Record<string, { score: number | null }>
  audits: Record<string, { numericValue?: number }>
  environment: { benchmarkIndex: number }
}

function figuresOf(lhr: LighthouseResultLike, url: string): Figures {
  if (lhr.runtimeError)
    throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
  const score = (name: string) => {
    const value = lhr.categories[name]?.score
    if (typeof value !== 'number') throw new Error(`${url}: no ${name} score`)
    return Math.round(value * 100)
  }
  const metric = (name: string) => {
    const value = lhr.audits[name]?.numericValue
    if (typeof value !== 'number') throw new Error(`${url}: no ${name}`)
    return value
  }
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    lcpMs: Math.round(metric('largest-contentful-paint')),
    fcpMs: Math.round(metric('first-contentful-paint')),
    tbtMs: Math.round(metric('total-blocking-time')),
    cls: Number(metric('cumulative-layout-shift').toFixed(3)),
    bytes: metric('total-byte-weight'),
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
  }
}

/** One run in a fresh Chromium on a copy of `profile` (none: a new device). */
async function audit(url: string, profile: string | undefined): Promise<Figures> {
  const port = await freePort()
  const browser = await openAppBrowser(new URL(url).origin, {
    debuggingPort: port,
    copyOfProfile: profile,
  })
  try {
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    })
    if (!result) throw new Error(`${url}: Lighthouse returned nothing`)
    if (REPORT_DIR) {
      const name = `${new URL(url).pathname.replace(/\W/g, '_')}-${Date.now()}.json`
      await writeFile(join(REPORT_DIR, name), JSON.stringify(result.lhr))
    }
    return figuresOf(result.lhr, url)
  } finally {
    await browser.close()
  }
}

interface Variant {
  label: string
  url: string
  /** A signed-in device's profile to copy (none: a new device). */
  profile?: string
}

/** The run with the median performance score (its metrics belong together). */
function median(label: string, runs: Figures[]) {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance)
  const middle = sorted[Math.floor(sorted.length / 2)]
  if (!middle) throw new Error(`${label}: no run`)
  return {
    page: label,
    perf: middle.performance,
    'perf (runs)': runs.map((figures) => figures.performance).join(' '),
    a11y: middle.accessibility,
    'LCP ms': middle.lcpMs,
    'FCP ms': middle.fcpMs,
    'TBT ms': middle.tbtMs,
    CLS: middle.cls,
    KB: Number((middle.bytes / 1024).toFixed(1)),
    'host index': middle.benchmarkIndex,
  }
}

/**
 * RUNS runs of each variant, taken in turns (baseline, current, baseline…)
 * so that a busy moment of the shared machine weighs on both alike.
 */
async function medianRuns(variants: readonly Variant[]) {
  const runs = variants.map((): Figures[] => [])
  for (let run = 0; run < RUNS; run += 1) {
    for (const [index, variant] of variants.entries()) {
      const figures = await audit(variant.url, variant.profile)
      runs[index]?.push(figures)
      console.log(`${variant.label} run ${run + 1}:`, JSON.stringify(figures))
    }
  }
  return variants.map((variant, index) => median(variant.label, runs[index] ?? []))
}

/** A signed-in device: the village cadre after the first sync, the app closed. */
async function signedInProfile(baseUrl: string): Promise<string> {
  const device = await openAppBrowser(baseUrl)
  try {
    const since = new Date().toISOString()
    await signInByApi(device.context, PHONES.villageCadre)
    await device.page.goto('/')
    await waitForSyncAfter(device.page, since)
  } finally {
    await device.close({ keepProfile: true })
  }
  return device.profile
}

const started = Date.now()
const servers = [{ name: '', server: await startAppProcess() }]
if (BASELINE_DIST) {
  servers.unshift({
    name: 'baseline ',
    server: await startAppProcess({ staticDir: BASELINE_DIST }),
  })
}
const rows = []
const profiles: string[] = []
try {
  rows.push(
    ...(await medianRuns(
      servers.map(({ name, server }) => ({
        label: `${name}login (signed out)`,
        url: `${server.baseUrl}/login`,
      })),
    )),
  )
  if (!SMOKE) {
    const devices = []
    for (const { name, server } of servers) {
      const profile = await signedInProfile(server.baseUrl)
      profiles.push(profile)
      devices.push({ name, baseUrl: server.baseUrl, profile })
    }
    for (const [page, path] of [
      ['首页 (village cadre)', '/'],
      ['说事 (village cadre)', '/issues'],
    ] as const) {
      rows.push(
        ...(await medianRuns(
          devices.map(({ name, baseUrl, profile }) => ({
            label: `${name}${page}`,
            url: `${baseUrl}${path}`,
            profile,
          })),
        )),
      )
    }
  }
} finally {
  for (const profile of profiles) await rm(profile, { recursive: true, force: true })
  for (const { server } of servers) await server.close()
}
console.log(`Lighthouse mobile preset, median of ${RUNS} run(s) by performance score`)
console.table(rows)
console.log(
  `load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}; ${((Date.now() - started) / 1000).toFixed(0)} s`,
)
console.log('checks: every run finished with scores ✓')
