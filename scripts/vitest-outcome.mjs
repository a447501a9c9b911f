// What one Vitest run counts for in `npm test` (scripts/test-all.mjs): its
// tests from the JSON report, plus every sign that something went wrong
// besides a failed test. A run whose tests all passed still fails the gate
// when Vitest reported errors (unhandled errors or rejections, a suite that
// broke in a hook, a worker that died), when it exited non-zero, or when a
// process in it died of an uncaught exception — Vitest reports an error that
// surfaces just after a test file has ended in neither its exit code nor its
// JSON, but Node still prints it and its version line on the way out.

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
