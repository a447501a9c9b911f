/**
 * A decided policy or normative document becomes a registered policy (the
 * `policy` kind) with its 20-working-day interpretation clock, linked back
 * to its consultation (issue #15.7). The department's device sends the
 * policy's create and the consultation's `decide` in one push.
 */
import type { DomainTag } from '../common/tags.ts'
import type { PolicyCreateInput } from '../policy/policy.schema.ts'
import type { ConsultationData, ConsultationDomain } from './consultation.schema.ts'

/** The issue tag a consultation domain is filed under among policies (three have none of their own). */
export const POLICY_DOMAIN_OF: Readonly<Record<ConsultationDomain, DomainTag>> = {
  social_security: 'social_security',
  housing: 'housing',
  health: 'health',
  employment: 'employment',
  education: 'education',
  elderly_care: 'elderly_care',
  urban_construction: 'infrastructure',
  rural_revitalisation: 'other',
  business_environment: 'other',
}

/** The policy's create payload for consultation `consultationId`, decided as `result`. */
export function decidedPolicyPayload(
  consultationId: string,
  consultation: Pick<
    ConsultationData,
    'title' | 'department' | 'domain' | 'concerns' | 'draftText'
  >,
  decision: { documentNumber: string; issueDate: string; result: string },
): PolicyCreateInput {
  return {
    title: consultation.title,
    documentNumber: decision.documentNumber,
    issuingDepartment: consultation.department,
    issueDate: decision.issueDate,
    summary: decision.result.slice(0, 500),
    fullText: consultation.draftText,
    domains: [POLICY_DOMAIN_OF[consultation.domain]],
    concerns: consultation.concerns,
    consultationId,
  }
}
