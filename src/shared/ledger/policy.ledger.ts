/**
 * 政策解读台账: one row per policy — document number, issue date, the
 * deadline of its interpretation (20 working days, 谁起草谁解读), each
 * session held, and whether it came on time, late, or not yet.
 */
import { POLICY_KIND } from '../policy/policy.kind.ts'
import { policyDataSchema, type PolicyData } from '../policy/policy.schema.ts'
import { interpretationStatus, type InterpretationStatus } from '../policy/interpretation.ts'
import { dateCell, defineLedger, grouped, lines, readWith } from './ledger.definition.ts'

const STATUS_LABELS: Readonly<Record<InterpretationStatus, string>> = {
  on_time: '按时',
  late: '逾期解读',
  pending: '待解读',
  overdue: '逾期未解读',
}

/**
 * The standing is read against the day the ledger is made: a policy past
 * its deadline without a session is 逾期未解读 on that day.
 */
export function policyLedgerFor(today: () => string) {
  return defineLedger<PolicyData>({
    id: 'policies',
    title: '政策解读台账',
    kind: POLICY_KIND,
    read: readWith(policyDataSchema),
    dateOf: (policy) => policy.issueDate,
    columns: [
      { header: '文号', width: 10, value: (policy) => policy.documentNumber },
      { header: '政策名称', width: 18, value: (policy) => policy.title },
      {
        header: '起草部门',
        width: 10,
        value: (policy, context) => context.unitName(policy.issuingDepartment),
      },
      { header: '印发日期', width: 8, value: (policy) => dateCell(policy.issueDate) },
      {
        header: '解读期限',
        width: 8,
        value: (policy) => dateCell(policy.interpretationDeadline.date),
      },
      grouped('解读情况', [
        {
          header: '解读场次',
          width: 4,
          summary: 'sum',
          value: (policy) => policy.interpretations.length,
        },
        {
          header: '解读记录',
          width: 24,
          value: (policy) =>
            lines(
              policy.interpretations.map(
                (session) =>
                  `${session.heldOn} ${session.place} ${session.interpreter}（${session.attendance}人）`,
              ),
            ),
        },
        {
          header: '参加人数',
          width: 4,
          summary: 'sum',
          value: (policy) =>
            policy.interpretations.reduce((sum, session) => sum + session.attendance, 0),
        },
      ]),
      {
        header: '按时情况',
        width: 6,
        value: (policy) => STATUS_LABELS[interpretationStatus(policy, today())],
      },
    ],
  })
}
