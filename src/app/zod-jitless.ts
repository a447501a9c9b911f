/**
 * Imported first by main.ts. zod v4 probes `new Function('')` when it builds
 * its first object schema, to decide whether to compile fast parsers. Our
 * Content-Security-Policy has no 'unsafe-eval', so the browser refuses the
 * probe and reports a violation even though zod catches the error. `jitless`
 * skips the probe (parsing stays correct, only interpreted). zod reads its
 * global config from `globalThis.__zod_globalConfig` once, when its core
 * module loads, so this must run before any zod code: zod is kept off the
 * first screen (CONTRIBUTING.md), so its chunks always load after this; the
 * e2e CSP guard (test/e2e/support/csp-guard.ts) catches a regression.
 */
const KEY = '__zod_globalConfig'
const current: unknown = Reflect.get(globalThis, KEY)
if (current !== null && typeof current === 'object') Reflect.set(current, 'jitless', true)
else Reflect.set(globalThis, KEY, { jitless: true })
