/**
 * How every test and benchmark starts Debian's Chromium (CHROMIUM_PATH to
 * override): headless as root, and without the background services whose
 * connections this offline machine refuses. Also the CSP violation watcher
 * that every end-to-end browser context runs with.
 */
import type { BrowserContext } from 'playwright-core'

export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
}

/** Content-Security-Policy violations seen by watched contexts, not yet taken. */
const cspViolations: string[] = []

/**
 * Records every CSP violation in `context`'s pages: the browser's
 * `securitypolicyviolation` event (through an init script in every page and
 * frame) and its "Refused to …" console errors. The server enforces its CSP
 * in the e2e suite, so a violation means a broken feature on a real phone;
 * the e2e setup file (test/e2e/support/csp-guard.ts) fails the test on any.
 */
export async function watchCsp(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__shuoshiCspViolation', ({ page }, text: unknown) => {
    cspViolations.push(`${page.url()}: ${String(text)}`)
  })
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = Reflect.get(window, '__shuoshiCspViolation')
      if (typeof report !== 'function') return
      void report(
        `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} ` +
          `at ${event.sourceFile}:${event.lineNumber} ${event.sample}`,
      )
    })
  })
  context.on('console', (message) => {
    const text = message.text()
    if (/Content Security Policy|^Refused to /.test(text)) {
      cspViolations.push(`${message.page()?.url() ?? 'worker'}: console: ${text}`)
    }
  })
}

/** The CSP violations recorded since the last call, emptying the list. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0)
}
