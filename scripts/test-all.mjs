// `npm test`: every gate in order — lint, type check, unit, integration
// (SQLite and PostgreSQL), build + size budget, end-to-end in Chromium — then
// one closing line "N passed, N failed" summing every suite, so a run that
// tested nothing is visible. Lint, type check and size count as one test each.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

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

function vitest(project) {
  const report = join(tmp, `${project}.json`)
  const { ok, seconds } = run(`vitest ${project}`, 'npx', [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ])
  let counts = { passed: 0, failed: 0, skipped: 0 }
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'))
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    }
  } catch {
    counts.failed = 1 // no report: the run itself broke
  }
  if (!ok && counts.failed === 0) counts.failed = 1
  passed += counts.passed
  failed += counts.failed
  summary.push(
    `${ok ? '✓' : '✗'} ${project}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`,
  )
}

gate('lint', 'npx', ['eslint', '.', '--cache'])
gate('typecheck', 'npx', ['vue-tsc', '--build'])
vitest('unit')
vitest('integration')
gate('build + size budget', 'sh', ['-c', 'npx vite build && node scripts/size.mjs'])
vitest('e2e')
// The sync benchmark's smoke run: it must keep working; its figures are not judged here.
gate('bench:sync smoke', 'npx', ['tsx', 'test/bench/sync-bench.ts'], { BENCH_SMOKE: '1' })
gate('bench:issues smoke', 'npx', ['tsx', 'test/bench/issue-list-bench.ts'], { BENCH_SMOKE: '1' })

rmSync(tmp, { recursive: true, force: true })
console.log('\n' + summary.join('\n'))
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
