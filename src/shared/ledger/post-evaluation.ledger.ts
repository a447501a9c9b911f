/**
 * 后评估台账: one row per post-evaluation — the policy, why it opened (the
 * forms' findings), and the conclusion continue / adjust / terminate with
 * its reasons.
 */
import { POST_EVALUATION_KIND } from '../assessment/assessment.kind.ts'
import {
  postEvaluationDataSchema,
  type PostEvaluationData,
  type PostEvaluationDecision,
} from '../assessment/assessment.schema.ts'
import { defineLedger, grouped, instantCell, readWith } from './ledger.definition.ts'

const DECISION_LABELS: Readonly<Record<PostEvaluationDecision, string>> = {
  continue: '继续实施',
  adjust: '调整完善',
  terminate: '终止实施',
}

const REASON_LABELS = { low_satisfaction: '满意率偏低', many_concerns: '意见较多' } as const

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`

export const postEvaluationLedger = defineLedger<PostEvaluationData>({
  id: 'post-evaluations',
  title: '政策后评估台账',
  kind: POST_EVALUATION_KIND,
  read: readWith(postEvaluationDataSchema),
  dateOf: (evaluation) => evaluation.openedAt.slice(0, 10),
  columns: [
    { header: '文号', width: 10, value: (evaluation) => evaluation.documentNumber },
    { header: '政策名称', width: 18, value: (evaluation) => evaluation.policyTitle },
    {
      header: '起草部门',
      width: 10,
      value: (evaluation, context) => context.unitName(evaluation.issuingDepartment),
    },
    { header: '启动日期', width: 8, value: (evaluation) => instantCell(evaluation.openedAt) },
    grouped('启动依据', [
      {
        header: '评议表数',
        width: 4,
        summary: 'sum',
        value: (evaluation) => evaluation.finding.responses,
      },
      {
        header: '满意率',
        width: 5,
        value: (evaluation) => percent(evaluation.finding.satisfiedShare),
      },
      {
        header: '原因',
        width: 8,
        value: (evaluation) =>
          evaluation.finding.reasons.map((reason) => REASON_LABELS[reason]).join('、'),
      },
    ]),
    grouped('评估结论', [
      {
        header: '结论',
        width: 6,
        value: (evaluation) =>
          evaluation.conclusion ? DECISION_LABELS[evaluation.conclusion.decision] : '评估中',
      },
      { header: '理由', width: 20, value: (evaluation) => evaluation.conclusion?.reasons ?? '' },
      {
        header: '结论日期',
        width: 8,
        value: (evaluation) => instantCell(evaluation.conclusion?.at),
      },
    ]),
  ],
})
