/**
 * 说事台账: one row per issue report — registered, where, who (masked by the
 * issue kind's view for a viewer without the right to personal data), what,
 * every handling step, the answer, the feedback visit, when it closed and
 * how long it took.
 */
import { chinaDate } from '../calendar/working-days.ts'
import { ISSUE_ACTION_LABELS, ISSUE_STATUS_LABELS } from '../issue/issue.labels.ts'
import { ISSUE_KIND, isIssueData } from '../issue/issue.kind.ts'
import type { IssueCategory, IssueChannel, IssueData, Satisfaction } from '../issue/issue.schema.ts'
import { daysBetween, defineLedger, grouped, instantCell } from './ledger.definition.ts'

/** The seed's classification as the ledger writes it. */
export const CATEGORY_LABELS: Readonly<Record<IssueCategory, string>> = {
  personal: '个人事项',
  public_interest: '公益事项',
  administrative: '行政管理事项',
}

const CHANNEL_LABELS: Readonly<Record<IssueChannel, string>> = {
  grid_visit: '网格走访',
  station: '说事站',
  online: '线上',
  phone_call: '来电',
  walk_in: '来访',
  deputy: '代表委员',
}

/** The resident's rating as the ledger writes it. */
export const SATISFACTION_LABELS: Readonly<Record<Satisfaction, string>> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
}

/** The China date the matter closed: its last step into 已办结. */
function closedOn(issue: IssueData): string | null {
  const closing = issue.events.findLast((event) => event.toStatus === 'closed')
  return issue.status === 'closed' && closing ? chinaDate(closing.at) : null
}

/** '11月3日 受理（李四）' per step, one line each. */
function steps(issue: IssueData): string {
  return issue.events
    .filter((event) => event.action !== 'edit')
    .map((event) => {
      const day = chinaDate(event.at)
      const note = event.note ? `：${event.note}` : ''
      return `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日 ${ISSUE_ACTION_LABELS[event.action]}（${event.actorName}）${note}`
    })
    .join('\n')
}

export const issueLedger = defineLedger<IssueData>({
  id: 'issues',
  title: '说事台账',
  kind: ISSUE_KIND,
  read: (data) => (isIssueData(data) ? data : null),
  dateOf: (issue) => chinaDate(issue.createdAt),
  columns: [
    { header: '登记日期', width: 8, value: (issue) => instantCell(issue.createdAt) },
    { header: '网格', width: 10, value: (issue, context) => context.unitName(issue.orgPath) },
    { header: '来源', width: 5, value: (issue) => CHANNEL_LABELS[issue.channel] },
    grouped('群众', [
      {
        header: '姓名',
        width: 5,
        value: (issue) => (issue.isAnonymous ? '匿名' : (issue.resident?.name ?? '')),
      },
      { header: '电话', width: 8, value: (issue) => issue.resident?.phone ?? '' },
    ]),
    { header: '类别', width: 7, value: (issue) => CATEGORY_LABELS[issue.category] },
    { header: '事项', width: 16, value: (issue) => issue.title },
    { header: '办理过程', width: 30, value: steps },
    { header: '办理结果', width: 20, value: (issue) => issue.resolution?.text ?? '' },
    grouped('回访反馈', [
      {
        header: '满意度',
        width: 5,
        value: (issue) => (issue.feedback ? SATISFACTION_LABELS[issue.feedback.satisfaction] : ''),
      },
      { header: '群众意见', width: 12, value: (issue) => issue.feedback?.comment ?? '' },
    ]),
    { header: '状态', width: 6, value: (issue) => ISSUE_STATUS_LABELS[issue.status] },
    {
      header: '办结日期',
      width: 8,
      value: (issue) => {
        const closed = closedOn(issue)
        return closed ? { date: closed } : null
      },
    },
    {
      header: '用时（天）',
      width: 5,
      value: (issue) => {
        const closed = closedOn(issue)
        return closed ? daysBetween(chinaDate(issue.createdAt), closed) : null
      },
    },
  ],
})
