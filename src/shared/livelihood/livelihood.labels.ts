/**
 * The Chinese names of livelihood item statuses, in one place: the ledger
 * and the app's screens (src/app/features/livelihood/messages.zh-CN.ts) both
 * use them. Free of zod (type imports only).
 */
import type { LivelihoodStatus } from './livelihood.schema.ts'

/** Status names as the ledger and the screens show them. */
export const LIVELIHOOD_STATUS_LABELS: Readonly<Record<LivelihoodStatus, string>> = {
  candidate: '候选',
  listed: '已列入清单',
  submitted: '已报县政府办',
  accepted: '已纳入县计划',
  returned: '已退回',
  merged: '已合并',
  in_progress: '实施中',
  completed: '已完成验收',
  cancelled: '已取消',
}
