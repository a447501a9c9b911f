/**
 * The public pages' own bundle (public.html, src/app/public/): pages a
 * resident opens without an account, from a QR code or a shared link, on any
 * phone and inside WeChat's browser. They need no offline storage, so they
 * load Vue, its router and the public texts only: no Vant, Pinia, Dexie or
 * sync engine (budget in scripts/size.mjs). The server answers every GET
 * under these prefixes with public.html; the app's service worker leaves
 * them to the network. How to add a page: docs/public-pages.md.
 */

/** URL prefixes served by public.html: one short letter per group of public pages. */
export const PUBLIC_ENTRY_PREFIXES = [
  /** 双公开 wall of a station: /w/<unit id>. */
  '/w/',
  /** Residents' own reports: the form /r/new/<unit id> and the lookup /r/track. */
  '/r/',
] as const

/** Whether a path (no query) belongs to the public bundle. */
export function isPublicEntryPath(path: string): boolean {
  return PUBLIC_ENTRY_PREFIXES.some((prefix) => path.startsWith(prefix))
}
