/**
 * Issue #12: the problems every role hit when walking the three loops at
 * 360 px (report → department → feedback; plan → record offline → sign off;
 * policy → campaign → villager form → post-evaluation), one step per problem,
 * each asserting what the user must now see. `SCREENSHOTS=1` writes each
 * fixed screen to docs/screenshots/field-fixes/. The steps live by loop in
 * ./field-fixes/; the three groups share one server and one browser (each
 * phone is its own browser context), so the file pays for one start, not three.
 */
import { afterAll, beforeAll, describe } from 'vitest'
import { startE2e, type E2eEnv } from './support/e2e-env.ts'
import { issueFieldFixes } from './field-fixes/issue.steps.ts'
import { meetingFieldFixes } from './field-fixes/meeting.steps.ts'
import { policyFieldFixes } from './field-fixes/policy.steps.ts'

let env: E2eEnv
beforeAll(async () => {
  env = await startE2e()
})
afterAll(async () => {
  await env?.close()
})
const shared = () => env

describe('#12 field fixes: report → department → feedback', () => issueFieldFixes(shared))
describe('#12 field fixes: policy → campaign → villager form', () => policyFieldFixes(shared))
describe('#12 field fixes: plan → record → sign off, and the 同步 page', () =>
  meetingFieldFixes(shared))
