/**
 * The 低保 policy and its assessment campaign that the integration tests
 * register and open in the demo county: the policy issued by demo-dept-1
 * (县民政局) and concerning township demo-t1, the campaign over its villages
 * v1 and v2. One place, so the tests that need "a policy and a campaign"
 * (assessment, scope, sync property, poison) agree on what that is.
 */
import { chinaDate } from '#shared/calendar/working-days.ts'
import { PATHS } from './demo-county.ts'

/** The demo policy as the public campaign page and the campaign show it. */
export const DIBAO_POLICY = {
  title: '农村低保动态管理办法',
  documentNumber: '清民发〔2026〕3号',
  summary: '规范低保申请、复核和退出。',
} as const

let documentNumbers = 100
/** A 文号 no other test policy carries: the county refuses a number registered twice. */
export function freshDocumentNumber(): string {
  documentNumbers += 1
  return `清民发〔2026〕${documentNumbers}号`
}

/** The 'create' payload of the demo 低保 policy (issued 2026-02-06 unless overridden). */
export function policyPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: DIBAO_POLICY.title,
    documentNumber: DIBAO_POLICY.documentNumber,
    issuingDepartment: PATHS.dept1,
    issueDate: '2026-02-06',
    summary: DIBAO_POLICY.summary,
    domains: ['social_security'],
    concerns: [PATHS.t1],
    ...overrides,
  }
}

/**
 * The 'create' payload of a campaign on policy `policyId`, open today only
 * (China date), over villages v1 and v2 and their grids, with the default rule.
 */
export function campaignPayload(
  policyId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const today = chinaDate(new Date().toISOString())
  return {
    policyId,
    policyTitle: DIBAO_POLICY.title,
    documentNumber: DIBAO_POLICY.documentNumber,
    issuingDepartment: PATHS.dept1,
    villages: [PATHS.v1, PATHS.v2],
    grids: [PATHS.g1, PATHS.g2, PATHS.v2g1],
    opensOn: today,
    closesOn: today,
    ...overrides,
  }
}

/** The county's road, lamp and ditch upkeep policy that the discussion-day tests interpret. */
export const UPKEEP_POLICY = {
  title: '清河县农村公共设施管护办法（演示）',
  documentNumber: '清住建发〔2026〕7号',
} as const

/** The 'create' payload of the upkeep policy, drafted by demo-dept-3 (县住建局) for township demo-t1. */
export function upkeepPolicyPayload(issueDate: string): Record<string, unknown> {
  return {
    ...UPKEEP_POLICY,
    issuingDepartment: '/demo-county/demo-dept-3/',
    issueDate,
    summary: '村内道路、路灯、水渠的日常管护由村集体负责，县住建局给予补助。',
    domains: ['infrastructure'],
    concerns: ['/demo-county/demo-t1/'],
  }
}
