// `npm test`: every gate in order — lint, format, type check, unit, integration
// (SQLite and PostgreSQL), build + size budget, end-to-end in Chromium — then
// one closing line "N passed, N failed" summing every suite, so a run that
// tested nothing is visible. Lint, format, type check and size count as one test each.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runVitest } from './vitest-outcome.mjs'

const tmp = mkdtempSync(join(tmpdir(), 'shuoshi-test-'))
let passed = 0
let failed = 0
const summary = []

function run(label, command, args, env = {}) {
  const started = Date.now()
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  return { ok: result.status === 0, seconds }
}

function gate(label, command, args, env) {
  const { ok, seconds } = run(label, command, args, env)
  if (ok) passed += 1
  else failed += 1
  summary.push(`${ok ? '✓' : '✗'} ${label} (${seconds} s)`)
}

/**
 * One Vitest project; every test counts, and a run that reported errors
 * besides its tests (scripts/vitest-outcome.mjs) counts as one more failure.
 */
async function vitest(project) {
  const { outcome, line } = await runVitest({ project, reportDir: tmp })
  passed += outcome.passed
  failed += outcome.failed
  summary.push(line)
}

/**
 * Gates that share nothing, run side by side: each is one single-threaded
 * process, so on a 2-core machine lint and the type check together take about
 * as long as lint alone. Each one's output is printed whole when it ends.
 */
async function gatesTogether(gates) {
  const started = Date.now()
  const results = await Promise.all(
    gates.map(
      ([label, command, args]) =>
        new Promise((resolve) => {
          const child = spawn(command, args, { env: process.env })
          let output = ''
          child.stdout.on('data', (chunk) => (output += chunk))
          child.stderr.on('data', (chunk) => (output += chunk))
          child.on('error', (error) => (output += String(error)))
          child.on('close', (code) => {
            const seconds = ((Date.now() - started) / 1000).toFixed(1)
            console.log(`\n▶ ${label}: ${command} ${args.join(' ')}\n${output}`)
            resolve({ label, ok: code === 0, seconds })
          })
        }),
    ),
  )
  for (const { label, ok, seconds } of results) {
    if (ok) passed += 1
    else failed += 1
    summary.push(`${ok ? '✓' : '✗'} ${label} (${seconds} s, run together)`)
  }
}

await gatesTogether([
  ['lint', 'npx', ['eslint', '.', '--cache']],
  ['format', 'npx', ['prettier', '--check', '.']],
  ['typecheck', 'npx', ['vue-tsc', '--build']],
])
await vitest('unit')
await vitest('integration')
gate('build + size budget', 'sh', ['-c', 'npx vite build && node scripts/size.mjs'])
await vitest('e2e')
// The benchmarks' smoke runs: they must keep working and their correctness
// checks must hold; their figures are not judged here, so two or three run side by side.
// The browser benches use the dist/ built above: one Lighthouse run of the
// login page; 200 reports at Fast 3G.
const smoke = (name, file) => [`bench:${name} smoke`, 'npx', ['tsx', file]]
process.env.BENCH_SMOKE = '1'
await gatesTogether([
  smoke('sync', 'test/bench/sync-bench.ts'),
  smoke('supervision', 'test/bench/supervision/supervision-bench.ts'),
  smoke('ledger', 'test/bench/ledger-bench.ts'),
])
await gatesTogether([
  smoke('issues', 'test/bench/issue-list-bench.ts'),
  smoke('net', 'test/bench/net-bench.ts'),
  smoke('import', 'test/bench/import-bench.ts'),
])
await gatesTogether([
  smoke('lighthouse', 'test/bench/lighthouse-bench.ts'),
  smoke('load', 'test/bench/load/load-bench.ts'),
])

rmSync(tmp, { recursive: true, force: true })
console.log('\n' + summary.join('\n'))
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
