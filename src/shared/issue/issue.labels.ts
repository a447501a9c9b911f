/**
 * The Chinese names of issue statuses and ledger actions, in one place: the
 * server's refusal messages and the UI (src/app/i18n/zh-CN.ts) both use
 * them. Free of zod (type imports only), so the first screen may import it.
 */
import type { IssueEventAction, IssueStatus } from './issue.schema.ts'

/** Status names as the ledger and refusal messages show them. */
export const ISSUE_STATUS_LABELS: Readonly<Record<IssueStatus, string>> = {
  registered: '待受理',
  accepted: '村社办理中',
  scheduled_for_meeting: '待议事',
  escalated: '已上报乡镇',
  dispatched: '部门办理中',
  awaiting_feedback: '待回访',
  closed: '已办结',
  withdrawn: '已撤回',
  merged: '已合并',
}

/** Action names as the ledger and refusal messages show them. */
export const ISSUE_ACTION_LABELS: Readonly<Record<IssueEventAction, string>> = {
  register: '登记',
  edit: '修改',
  accept: '受理',
  set_discussable: '调整议事清单判定',
  set_private: '调整隐私标记',
  agree: '议事达成共识',
  resolve_locally: '就地化解',
  schedule_meeting: '提交议事日',
  escalate: '吹哨上报乡镇',
  return_to_village: '退回村社',
  resolve_by_township: '乡镇办结',
  dispatch: '派发部门',
  return_to_township: '退回乡镇',
  reply: '部门答复',
  feedback: '回访反馈',
  withdraw: '撤回',
  merge: '合并',
}
