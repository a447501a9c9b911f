import { describe, expect, it } from 'vitest'
import { vitestOutcome } from './vitest-outcome.mjs'

const report = (counts = {}) =>
  JSON.stringify({
    numPassedTests: 12,
    numFailedTests: 0,
    numPendingTests: 0,
    numTodoTests: 0,
    numFailedTestSuites: 0,
    success: true,
    ...counts,
  })

// The tail Vitest 4 prints for a run whose tests all passed but which caught an unhandled error.
const UNHANDLED = `
\u001b[31m⎯⎯⎯⎯⎯⎯\u001b[39m\u001b[1m\u001b[41m Unhandled Errors \u001b[49m\u001b[22m\u001b[31m⎯⎯⎯⎯⎯⎯\u001b[39m
Error: terminating connection due to administrator command
 Test Files  1 passed (1)
      Tests  12 passed (12)
\u001b[2m     Errors \u001b[22m \u001b[1m\u001b[31m1 error\u001b[39m\u001b[22m
`

describe('what a Vitest run counts for in npm test', () => {
  it('passes a clean run with its test counts', () => {
    expect(vitestOutcome({ exitCode: 0, report: report(), output: 'Tests  12 passed' })).toEqual({
      passed: 12,
      failed: 0,
      skipped: 0,
      problems: [],
    })
  })

  it('fails a run whose tests all passed when Vitest reported an unhandled error', () => {
    const outcome = vitestOutcome({ exitCode: 1, report: report(), output: UNHANDLED })
    expect(outcome.failed).toBe(1)
    expect(outcome.problems).toContain('Vitest reported 1 unhandled error(s)')
  })

  it('fails it even when the unhandled error did not change the exit code', () => {
    // e.g. dangerouslyIgnoreUnhandledErrors, or a reporter that swallowed it
    const outcome = vitestOutcome({ exitCode: 0, report: report(), output: UNHANDLED })
    expect(outcome).toMatchObject({ passed: 12, failed: 1 })
  })

  it('fails a run in which a process died of an uncaught exception after its file ended', () => {
    const output =
      'Error: terminating connection due to administrator command\n    at …\n\nNode.js v20.20.2\n'
    expect(vitestOutcome({ exitCode: 0, report: report(), output }).failed).toBe(1)
  })

  it('fails a suite that broke in a hook, whose tests were skipped rather than failed', () => {
    const outcome = vitestOutcome({
      exitCode: 1,
      report: report({
        numPassedTests: 0,
        numPendingTests: 1,
        numFailedTestSuites: 1,
        success: false,
      }),
      output: '',
    })
    expect(outcome).toMatchObject({ passed: 0, failed: 1, skipped: 1 })
  })

  it('fails a non-zero exit that nothing else explains, and a run with no report', () => {
    expect(vitestOutcome({ exitCode: 1, report: report(), output: '' }).failed).toBe(1)
    expect(vitestOutcome({ exitCode: null, report: null, output: '' }).failed).toBe(1)
    expect(vitestOutcome({ exitCode: 0, report: '{"numPassed', output: '' }).failed).toBe(1)
  })

  it('counts failed tests once, without an extra failure for the exit code they caused', () => {
    const outcome = vitestOutcome({
      exitCode: 1,
      report: report({ numPassedTests: 10, numFailedTests: 2, success: false }),
      output: '',
    })
    expect(outcome).toMatchObject({ passed: 10, failed: 2 })
  })
})
