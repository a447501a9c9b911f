/**
 * Issue #12: the problems every role hit when walking the three loops at
 * 360 px (report → department → feedback; plan → record offline → sign off;
 * policy → campaign → villager form → post-evaluation), one step per problem,
 * each asserting what the user must now see. `SCREENSHOTS=1` writes each
 * fixed screen to docs/screenshots/field-fixes/. The steps live by loop in
 * ./field-fixes/; each group starts its own server and browser.
 */
import { describe } from 'vitest'
import { issueFieldFixes } from './field-fixes/issue.steps.ts'
import { meetingFieldFixes } from './field-fixes/meeting.steps.ts'
import { policyFieldFixes } from './field-fixes/policy.steps.ts'

describe('#12 field fixes: report → department → feedback', issueFieldFixes)
describe('#12 field fixes: policy → campaign → villager form', policyFieldFixes)
describe('#12 field fixes: plan → record → sign off, and the 同步 page', meetingFieldFixes)
