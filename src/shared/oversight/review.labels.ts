/**
 * The Chinese names of a review matter's statuses and outcomes, in one
 * place: the ledger and the app's screens
 * (src/app/features/oversight/messages.zh-CN.ts) both use them. Free of zod
 * (type imports only).
 */
import type { ReviewOutcome, ReviewStatus } from './review.schema.ts'

/** Status names as the ledger and the screens show them. */
export const REVIEW_STATUS_LABELS: Readonly<Record<ReviewStatus, string>> = {
  received: '已受理',
  forwarded: '已转送复议机构',
  decided: '已作出决定',
  answered: '已解答',
}

/** Outcome names (维持 / 撤销 …) as the ledger and the screens show them. */
export const REVIEW_OUTCOME_LABELS: Readonly<Record<ReviewOutcome, string>> = {
  upheld: '维持',
  revoked: '撤销',
  changed: '变更',
  confirmed_unlawful: '确认违法',
  rejected: '驳回',
  mediated: '调解结案',
  not_accepted: '不予受理',
}
