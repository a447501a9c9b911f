/**
 * Vant inlines its 27 KB icon font into CSS as a base64 data URI, which puts
 * it on the critical path of the first screen. This plugin moves it into a
 * hashed .woff2 asset: the CSS shrinks, the font loads in parallel
 * (font-display: block for icons only), and the service worker precaches it
 * like any other asset, so icons still render offline. Vant's CDN fallback
 * is dropped: the app never loads anything from another origin.
 */
import type { Plugin } from 'vite'

const DATA_URI = /url\(data:font\/woff2;charset=utf-8;base64,([A-Za-z0-9+/=]+)\)/
// Vant's fallback .woff on Alibaba's CDN: unreachable on a county intranet,
// a request to a third party, and refused by our CSP (font-src 'self'), which
// Chromium reports as a violation even though the woff2 always wins.
const CDN_FALLBACK = /,\s*url\(\/\/at\.alicdn\.com\/[^)]*\)\s*format\("woff"\)/

export function vantIconFont(): Plugin {
  return {
    name: 'shuoshi:vant-icon-font',
    apply: 'build',
    transform(code, id) {
      if (!/vant[\\/]es[\\/]icon[\\/]index\.css/.test(id)) return null
      const match = DATA_URI.exec(code)
      if (!match?.[1]) return null
      const referenceId = this.emitFile({
        type: 'asset',
        name: 'vant-icon.woff2',
        source: Buffer.from(match[1], 'base64'),
      })
      const url = `url(__VITE_ASSET__${referenceId}__)`
      return {
        code: code
          .replace(DATA_URI, url)
          .replace(CDN_FALLBACK, '')
          .replace('font-display:auto', 'font-display:block'),
        map: null,
      }
    },
  }
}
