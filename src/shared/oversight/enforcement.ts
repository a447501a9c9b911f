/**
 * Complaints about administrative law enforcement (seed 002 三(五)3): a
 * matter that the dispatcher classifies as one of these, when dispatched to
 * the department whose act it is about, opens that department's
 * self-correction case (self-correction.kind.ts). Kept free of imports so the
 * issue kind can name the classification without depending on the case.
 */

/** 投诉 / 申诉 / 举报 about an enforcement act. */
export const ENFORCEMENT_COMPLAINT_TYPES = ['complaint', 'appeal', 'report'] as const
/** How a resident challenged an enforcement act. */
export type EnforcementComplaintType = (typeof ENFORCEMENT_COMPLAINT_TYPES)[number]

/** True when `value` is an enforcement complaint type (a ledger detail is a plain string). */
export function isEnforcementComplaintType(value: unknown): value is EnforcementComplaintType {
  return ENFORCEMENT_COMPLAINT_TYPES.some((type) => type === value)
}
