// What one Vitest run counts for in `npm test` (scripts/test-all.mjs): its
// tests from the JSON report, plus every sign that something went wrong
// besides a failed test. A run whose tests all passed still fails the gate
// when Vitest reported errors (unhandled errors or rejections, a suite that
// broke in a hook, a worker that died), when it exited non-zero, or when a
// process in it died of an uncaught exception — Vitest reports an error that
// surfaces just after a test file has ended in neither its exit code nor its
// JSON, but Node still prints it and its version line on the way out.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const ANSI = /\u001b\[[0-9;]*m/g

/**
 * @param {{ exitCode: number | null, report: string | null, output: string }} run
 *   the exit code (null when killed), the JSON report's text (null when none
 *   was written) and everything the run printed
 * @returns {{ passed: number, failed: number, skipped: number, problems: string[] }}
 *   `failed` counts the failed tests, plus one when anything else went wrong
 */
export function vitestOutcome({ exitCode, report, output }) {
  const problems = []
  let passed = 0
  let failedTests = 0
  let skipped = 0
  let json
  try {
    json = report === null ? undefined : JSON.parse(report)
  } catch {
    json = undefined
  }
  if (json === undefined) problems.push('no readable JSON report: the run itself broke')
  else {
    passed = json.numPassedTests
    failedTests = json.numFailedTests
    skipped = json.numPendingTests + json.numTodoTests
    if (json.success === false && failedTests === 0)
      problems.push('the JSON report says success: false')
    if (json.numFailedTestSuites > 0 && failedTests === 0)
      problems.push(
        `${json.numFailedTestSuites} suite(s) failed outside any test (a hook or an import)`,
      )
  }

  const text = output.replace(ANSI, '')
  const errors = /^\s*Errors\s+(\d+) errors?\b/m.exec(text)
  if (errors) problems.push(`Vitest reported ${errors[1]} unhandled error(s)`)
  else if (/Unhandled (Errors|Rejection)/.test(text))
    problems.push('Vitest reported unhandled errors')
  if (/^Node\.js v\d+\.\d+\.\d+$/m.test(text))
    problems.push('a process died of an uncaught exception (Node printed its version line)')
  if (exitCode !== 0) problems.push(`vitest exited with ${exitCode ?? 'a signal'}`)

  // A non-zero exit explained by failed tests adds nothing; anything else counts as one failure.
  const unexplained = problems.filter(
    (problem) => !(failedTests > 0 && problem.startsWith('vitest exited')),
  )
  return { passed, failed: failedTests + (unexplained.length > 0 ? 1 : 0), skipped, problems }
}

/** Runs a command, printing its output as it comes and keeping a copy to judge. */
function runTee(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['inherit', 'pipe', 'pipe'] })
    const chunks = []
    for (const [stream, sink] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      stream.on('data', (chunk) => {
        sink.write(chunk)
        chunks.push(chunk)
      })
    }
    child.on('close', (exitCode) => resolve({ exitCode, output: Buffer.concat(chunks).toString() }))
  })
}

/**
 * Runs one Vitest project of the checkout in `cwd` (default: here) with
 * `node` (default: this Node) and judges it with `vitestOutcome`; `line` is
 * its summary line plus one indented line per problem.
 */
export async function runVitest({
  project,
  reportDir,
  cwd = process.cwd(),
  node,
  env = {},
  label = project,
  args: extraArgs = [],
}) {
  const report = join(reportDir, `${label.replace(/\W+/g, '-')}.json`)
  const vitestArgs = ['run', '--project', project, '--reporter=default', '--reporter=json']
  vitestArgs.push(`--outputFile.json=${report}`, ...extraArgs)
  const [command, args] = node
    ? [node, [join(cwd, 'node_modules/vitest/vitest.mjs'), ...vitestArgs]]
    : ['npx', ['vitest', ...vitestArgs]]
  console.log(`\n▶ vitest ${label}: ${command} ${args.join(' ')}`)
  const started = Date.now()
  const { exitCode, output } = await runTee(command, args, {
    cwd,
    // Keep Vitest's colours when a person watches; vitestOutcome strips them.
    env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}), ...env },
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const outcome = vitestOutcome({
    exitCode,
    report: existsSync(report) ? readFileSync(report, 'utf8') : null,
    output,
  })
  const mark = outcome.failed === 0 ? '✓' : '✗'
  const counts = `${outcome.passed} passed, ${outcome.failed} failed, ${outcome.skipped} skipped`
  const line = [
    `${mark} ${label}: ${counts} (${seconds} s)`,
    ...outcome.problems.map((problem) => `    ${problem}`),
  ].join('\n')
  return { outcome, line }
}
