/**
 * Setup file of the e2e project (vitest.config.ts): a test fails if any page
 * it drove violated the server's Content-Security-Policy, which is enforced
 * here exactly as in production (src/server/plugins/security-headers.ts).
 * Contexts are watched by `E2eEnv.newPhone` and `newPersistentPhone`.
 */
import { afterAll, afterEach, expect } from 'vitest'
import { takeCspViolations } from '../../support/chromium.ts'

afterEach(() => {
  expect(takeCspViolations(), 'Content-Security-Policy violations').toEqual([])
})

// Whatever beforeAll/afterAll pages did after the last test.
afterAll(() => {
  expect(takeCspViolations(), 'Content-Security-Policy violations').toEqual([])
})
