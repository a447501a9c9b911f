// `npm test`: every gate in order — lint, format, type check, unit, integration
// (SQLite and PostgreSQL), build + size budget, end-to-end in Chromium — then
// one closing line "N passed, N failed" summing every suite, so a run that
// tested nothing is visible. Lint, format, type check and size count as one test each.
import { spawnSync } from 'node:child_process'
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

gate('lint', 'npx', ['eslint', '.', '--cache'])
gate('format', 'npx', ['prettier', '--check', '.'])
gate('typecheck', 'npx', ['vue-tsc', '--build'])
await vitest('unit')
await vitest('integration')
gate('build + size budget', 'sh', ['-c', 'npx vite build && node scripts/size.mjs'])
await vitest('e2e')
// The sync benchmark's smoke run: it must keep working; its figures are not judged here.
gate('bench:sync smoke', 'npx', ['tsx', 'test/bench/sync-bench.ts'], { BENCH_SMOKE: '1' })
gate('bench:issues smoke', 'npx', ['tsx', 'test/bench/issue-list-bench.ts'], { BENCH_SMOKE: '1' })
gate('bench:supervision smoke', 'npx', ['tsx', 'test/bench/supervision/supervision-bench.ts'], {
  BENCH_SMOKE: '1',
})
// The browser benches on the dist/ built above: one Lighthouse run of the login
// page; 200 reports at Fast 3G. They check that runs finish and sync is whole.
gate('bench:lighthouse smoke', 'npx', ['tsx', 'test/bench/lighthouse-bench.ts'], {
  BENCH_SMOKE: '1',
})
gate('bench:net smoke', 'npx', ['tsx', 'test/bench/net-bench.ts'], { BENCH_SMOKE: '1' })
gate('bench:load smoke', 'npx', ['tsx', 'test/bench/load/load-bench.ts'], { BENCH_SMOKE: '1' })

rmSync(tmp, { recursive: true, force: true })
console.log('\n' + summary.join('\n'))
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
