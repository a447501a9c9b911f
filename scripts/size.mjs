// Bundle size of the first screen: the JS and CSS that dist/index.html loads
// (entry script, modulepreloads, stylesheets), gzip level 9. Fails above the
// budget. `--report` also lists every asset and never fails (used by build).
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'

const BUDGET_KB = 125
const dist = new URL('../dist/', import.meta.url).pathname
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const initial = new Set(
  [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]),
)
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
const kb = (bytes) => (bytes / 1024).toFixed(1)

let total = 0
const rows = []
for (const file of initial) {
  const size = gz(file)
  total += size
  rows.push({ file, gzipKB: kb(size) })
}
if (process.argv.includes('--report')) {
  const all = readdirSync(join(dist, 'assets'))
    .map((name) => `assets/${name}`)
    .filter((file) => /\.(js|css)$/.test(file) && !initial.has(file))
    .map((file) => ({ file, gzipKB: kb(gz(file)), rawKB: kb(statSync(join(dist, file)).size) }))
  console.log('Lazy chunks:')
  console.table(all)
}
console.log('First screen (index.html):')
console.table(rows)
console.log(`first-screen JS + CSS: ${kb(total)} KB gzip (budget ${BUDGET_KB} KB)`)
if (total > BUDGET_KB * 1024 && !process.argv.includes('--report')) {
  console.error(`over budget by ${kb(total - BUDGET_KB * 1024)} KB`)
  process.exit(1)
}
