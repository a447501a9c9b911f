/**
 * A demo policy and an open assessment campaign for the demo county, written
 * through the ordinary write path with fixed ids, so seeding twice changes
 * nothing (the second run is answered as a duplicate).
 */
import { CAMPAIGN_KIND } from '#shared/assessment/assessment.kind.ts'
import { addWorkingDays } from '#shared/calendar/working-days.ts'
import { POLICY_KIND } from '#shared/policy/policy.kind.ts'
import { demoSeed } from '../db/demo-seed.ts'
import { seedMutation } from '../sync/system-change.ts'

const POLICY_ID = '0195b1c0-0000-7000-8000-00000000d001'
const CAMPAIGN_ID = '0195b1c0-0000-7000-8000-00000000d002'
const DEPT = '/demo-county/demo-dept-1/'
const VILLAGES = ['/demo-county/demo-t1/demo-t1-v1/', '/demo-county/demo-t1/demo-t1-v2/']
const GRIDS = VILLAGES.flatMap((village) => {
  const id = village.split('/').at(-2) ?? ''
  return [`${village}${id}-g1/`, `${village}${id}-g2/`]
})

/** Writes the demo policy and campaign (idempotent); false when the demo county is missing. */
export const seedDemoAssessment = demoSeed(DEPT, async ({ today, apply }) => {
  const title = '农村低保动态管理办法（演示）'
  // Its own 文号: a county registers each number once (tests register 3号 beside it).
  const documentNumber = '清民发〔2025〕12号'
  await apply([
    seedMutation('0195b1c0-0000-7000-8000-00000000d101', POLICY_KIND, POLICY_ID, 'create', {
      title,
      documentNumber,
      issuingDepartment: DEPT,
      issueDate: today,
      summary: '规范农村低保的申请、复核和退出：每年复核一次，材料一次告知，结果在村务公开栏公示。',
      domains: ['social_security'],
      concerns: ['/demo-county/demo-t1/'],
    }),
    seedMutation('0195b1c0-0000-7000-8000-00000000d102', CAMPAIGN_KIND, CAMPAIGN_ID, 'create', {
      policyId: POLICY_ID,
      policyTitle: title,
      documentNumber,
      issuingDepartment: DEPT,
      villages: VILLAGES,
      grids: GRIDS,
      opensOn: today,
      closesOn: addWorkingDays(today, 20).date,
    }),
  ])
})
