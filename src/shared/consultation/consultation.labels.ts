/**
 * The Chinese names of consultation types and statuses, in one place: the ledger and
 * the app's screens (src/app/features/consultation/messages.zh-CN.ts) both
 * use them. Free of zod (type imports only).
 */
import type { ConsultationStatus, ConsultationType } from './consultation.schema.ts'

/** Status names as the ledger and the screens show them. */
export const CONSULTATION_STATUS_LABELS: Readonly<Record<ConsultationStatus, string>> = {
  draft: '草稿',
  open: '征求中',
  closed: '已截止',
  answered: '已答复',
  exempt: '免于征求',
  submitted: '已提交集体审议',
  decided: '已决定',
}

/** Type names (重大行政决策 …) as the ledger and the screens show them. */
export const CONSULTATION_TYPE_LABELS: Readonly<Record<ConsultationType, string>> = {
  major_decision: '重大行政决策',
  public_policy: '重大公共政策',
  normative_document: '行政规范性文件',
}
