// Renders public/favicon.svg into the PWA's PNG icons with headless Chromium.
// Run by hand when the logo changes: node scripts/make-icons.mjs
import { readFileSync } from 'node:fs'
import { chromium } from 'playwright-core'

const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8')
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox'],
})
const page = await browser.newPage()
const icons = [
  { file: 'icon-192.png', size: 192, inset: 0 },
  { file: 'icon-512.png', size: 512, inset: 0 },
  // Maskable: full-bleed background, the mark inside the central 80 % safe zone.
  { file: 'maskable-512.png', size: 512, inset: 0.14 },
]
for (const { file, size, inset } of icons) {
  await page.setViewportSize({ width: size, height: size })
  const pad = Math.round(size * inset)
  await page.setContent(
    `<body style="margin:0;background:${inset ? '#b8141b' : 'transparent'}">` +
      `<div style="padding:${pad}px;width:${size - 2 * pad}px;height:${size - 2 * pad}px">` +
      svg.replace('<svg ', '<svg width="100%" height="100%" ') +
      '</div></body>',
  )
  await page.screenshot({ path: `public/icons/${file}`, omitBackground: !inset })
}
await browser.close()
