// Bundle sizes, gzip level 9, from the build's manifest (dist/.vite/manifest.json):
// - the app's first screen: the JS and CSS that dist/index.html loads (entry, its static
//   imports, stylesheets), budget 125 KB;
// - the public pages (public.html, src/app/public/): the entry's JS and CSS plus, for each
//   lazy page, what that page loads on top; the heaviest page must fit in 60 KB, since a
//   resident on 3G opens one page from a QR code (issue #17).
// Fails above a budget. `--report` also lists every asset and never fails (used by build).
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'

const APP_BUDGET_KB = 125
const PUBLIC_BUDGET_KB = 60
const dist = new URL('../dist/', import.meta.url).pathname
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'))
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
const kb = (bytes) => (bytes / 1024).toFixed(1)
const isReport = process.argv.includes('--report')

/** The files a manifest chunk loads before it runs: itself, its static imports, their CSS. */
function loads(key, files = new Set()) {
  const chunk = manifest[key]
  if (!chunk || files.has(chunk.file)) return files
  files.add(chunk.file)
  for (const css of chunk.css ?? []) files.add(css)
  for (const imported of chunk.imports ?? []) loads(imported, files)
  return files
}
const total = (files) => [...files].reduce((sum, file) => sum + gz(file), 0)

const app = loads('index.html')
const publicEntry = loads('public.html')
// A public page loads with its group's texts (src/app/public/<group>/messages*.ts).
const lazyPublic = manifest['public.html'].dynamicImports ?? []
const folder = (key) => key.slice(0, key.lastIndexOf('/'))
const pages = lazyPublic
  .filter((key) => key.endsWith('.vue'))
  .map((key) => {
    const files = loads(key, new Set(publicEntry))
    for (const texts of lazyPublic.filter((k) => /\/messages[^/]*\.ts$/.test(k))) {
      if (folder(texts) === folder(key)) loads(texts, files)
    }
    return { page: key, gzipKB: kb(total(files)) }
  })
const heaviestPublic = Math.max(total(publicEntry), ...pages.map((p) => Number(p.gzipKB) * 1024))

if (isReport) {
  const initial = new Set([...app, ...publicEntry])
  const all = readdirSync(join(dist, 'assets'))
    .map((name) => `assets/${name}`)
    .filter((file) => /\.(js|css)$/.test(file) && !initial.has(file))
    .map((file) => ({ file, gzipKB: kb(gz(file)), rawKB: kb(statSync(join(dist, file)).size) }))
  console.log('Lazy chunks:')
  console.table(all)
}
console.log('First screen (index.html):')
console.table([...app].map((file) => ({ file, gzipKB: kb(gz(file)) })))
console.log(`first-screen JS + CSS: ${kb(total(app))} KB gzip (budget ${APP_BUDGET_KB} KB)`)
console.log('Public pages (public.html, then each page with what it loads on top):')
console.table([{ page: 'public.html', gzipKB: kb(total(publicEntry)) }, ...pages])
console.log(
  `heaviest public page JS + CSS: ${kb(heaviestPublic)} KB gzip (budget ${PUBLIC_BUDGET_KB} KB)`,
)
let isOver = false
for (const [name, size, budget] of [
  ['first screen', total(app), APP_BUDGET_KB],
  ['public page', heaviestPublic, PUBLIC_BUDGET_KB],
]) {
  if (size > budget * 1024) {
    console.error(`${name} over budget by ${kb(size - budget * 1024)} KB`)
    isOver = true
  }
}
if (isOver && !isReport) process.exit(1)
