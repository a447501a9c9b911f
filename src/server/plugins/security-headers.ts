/**
 * Browser-side defences on every response (@fastify/helmet, one onRequest
 * hook): a Content-Security-Policy the built PWA passes with nothing inline
 * and no eval, no framing, no MIME sniffing, no referrer to other sites.
 * The e2e suite runs with this policy enforced and fails on any violation
 * (test/support/chromium.ts). docs/architecture.md, "Browser defences".
 */
import helmet, { type FastifyHelmetRouteOptions } from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

/**
 * The app's policy. Every script, style, font and the service worker come
 * from our own origin (Vite emits no inline script; the i18n messages are
 * interpreted, not compiled to functions; zod runs jitless in the browser, see
 * src/app/csp.ts). Photo previews and voice-note playback are blob: URLs
 * and Vant draws a few data: images. Vue and Vant set inline styles only through the CSSOM, which CSP
 * does not govern, so style-src needs no 'unsafe-inline'.
 */
const APP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
}

/**
 * Uploaded photos are user content: even a polyglot that sniffs as HTML or
 * SVG runs nothing (sandbox, no sources), is never rendered in place
 * (Content-Disposition: attachment, set by the route) and is never re-typed
 * (nosniff, global). The app reads them with fetch(), which none of this
 * affects.
 */
export const BLOB_HELMET = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { 'default-src': ["'none'"], sandbox: [] },
  },
} satisfies FastifyHelmetRouteOptions['helmet']

/**
 * For the few answers written before routing, where no hook runs (Fastify's
 * frameworkErrors in app.ts: a bad URL encoding, an over-long parameter): a
 * JSON error body needs no sources at all.
 */
export const PRE_ROUTING_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

/**
 * `isHttps` (SECURE_COOKIES=true: served over HTTPS) adds HSTS and
 * upgrade-insecure-requests; on a plain-HTTP intranet install either would
 * break the app, so they are left out there.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  { isHttps }: { isHttps: boolean },
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: isHttps ? { ...APP_DIRECTIVES, 'upgrade-insecure-requests': [] } : APP_DIRECTIVES,
    },
    // Helmet's default is SAMEORIGIN; nothing of ours frames the app, matching frame-ancestors.
    xFrameOptions: { action: 'deny' },
    // Not no-referrer: under it a browser sends `Origin: null` on same-origin
    // non-fetch POSTs (forms), which the CSRF guard (csrf.ts) must refuse.
    referrerPolicy: { policy: 'same-origin' },
    // Without includeSubDomains: the county's other hosts are not ours to pin.
    strictTransportSecurity: isHttps ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  })
}
