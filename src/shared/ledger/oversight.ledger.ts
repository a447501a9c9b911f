/**
 * The oversight ledgers: 行政执法自我纠错台账 (one row per case: the act
 * complained of, the five steps with their dates and whether each was late,
 * the outcome, the supervision body's checks) and 行政复议便民联系点台账
 * (one row per application or consultation taken in at a station; who
 * applied is shown only to those the review kind's view lets see it).
 */
import type { EnforcementComplaintType } from '../oversight/enforcement.ts'
import { REVIEW_OUTCOME_LABELS, REVIEW_STATUS_LABELS } from '../oversight/review.labels.ts'
import { REVIEW_KIND, reviewDataSchema, type ReviewData } from '../oversight/review.schema.ts'
import {
  SELF_CORRECTION_KIND,
  selfCorrectionDataSchema,
  type SelfCorrectionData,
  type SelfCorrectionOutcome,
  type SelfCorrectionStep,
} from '../oversight/self-correction.schema.ts'
import { dateCell, defineLedger, grouped, lines, readWith } from './ledger.definition.ts'

const COMPLAINT_LABELS: Readonly<Record<EnforcementComplaintType, string>> = {
  complaint: '投诉',
  appeal: '申诉',
  report: '举报',
}

const STEP_LABELS: Readonly<Record<SelfCorrectionStep, string>> = {
  file_review: '查阅卷宗',
  investigation: '调查取证',
  hearing: '听取意见',
  cause_analysis: '回溯分析原因',
  feedback: '反馈群众',
}

const CASE_OUTCOME_LABELS: Readonly<Record<SelfCorrectionOutcome, string>> = {
  corrected: '属实已纠正',
  partly_corrected: '部分属实已纠正',
  unfounded: '不属实已说明',
}

export const selfCorrectionLedger = defineLedger<SelfCorrectionData>({
  id: 'self-corrections',
  title: '行政执法自我纠错台账',
  kind: SELF_CORRECTION_KIND,
  read: readWith(selfCorrectionDataSchema),
  dateOf: (entry) => entry.openedOn,
  columns: [
    { header: '立案日期', width: 8, value: (entry) => dateCell(entry.openedOn) },
    { header: '案件名称', width: 14, value: (entry) => entry.title },
    {
      header: '来源',
      width: 5,
      value: (entry) =>
        entry.origin === 'complaint'
          ? `群众${entry.complaintType ? COMPLAINT_LABELS[entry.complaintType] : '投诉'}`
          : '纠错调查',
    },
    {
      header: '执法部门',
      width: 10,
      value: (entry, context) => context.unitName(entry.departmentPath),
    },
    { header: '执法行为', width: 16, value: (entry) => entry.act },
    {
      header: '纠错程序',
      width: 24,
      value: (entry) =>
        lines(
          entry.steps.map(
            (step) =>
              `${step.doneOn} ${STEP_LABELS[step.step]}${step.isLate ? '（逾期）' : ''}：${step.findings}`,
          ),
        ),
    },
    {
      header: '逾期环节',
      width: 4,
      summary: 'sum',
      value: (entry) => entry.steps.filter((step) => step.isLate).length,
    },
    grouped('办理结果', [
      {
        header: '结果',
        width: 8,
        value: (entry) => (entry.result ? CASE_OUTCOME_LABELS[entry.result.outcome] : '办理中'),
      },
      { header: '说明', width: 16, value: (entry) => entry.result?.reason ?? '' },
    ]),
    { header: '监督检查', width: 4, summary: 'sum', value: (entry) => entry.checks.length },
  ],
})

export const reviewLedger = defineLedger<ReviewData>({
  id: 'reviews',
  title: '行政复议便民联系点台账',
  kind: REVIEW_KIND,
  read: readWith(reviewDataSchema),
  dateOf: (matter) => matter.receivedOn,
  columns: [
    { header: '受理日期', width: 8, value: (matter) => dateCell(matter.receivedOn) },
    {
      header: '联系点',
      width: 10,
      value: (matter, context) => context.unitName(matter.stationPath),
    },
    {
      header: '类型',
      width: 4,
      value: (matter) => (matter.type === 'application' ? '复议申请' : '复议咨询'),
    },
    grouped('申请人', [
      { header: '姓名', width: 5, value: (matter) => matter.applicant?.name ?? '' },
      { header: '电话', width: 8, value: (matter) => matter.applicant?.phone ?? '' },
    ]),
    { header: '被申请人', width: 10, value: (matter) => matter.respondent ?? '' },
    {
      header: '事项',
      width: 20,
      value: (matter) =>
        matter.type === 'application'
          ? `${matter.act ?? ''}${matter.request ? `\n请求：${matter.request}` : ''}`
          : (matter.question ?? ''),
    },
    { header: '解答', width: 16, value: (matter) => matter.answer ?? '' },
    { header: '转送日期', width: 8, value: (matter) => dateCell(matter.forwardedOn) },
    {
      header: '复议结果',
      width: 6,
      value: (matter) => (matter.decision ? REVIEW_OUTCOME_LABELS[matter.decision.outcome] : ''),
    },
    { header: '状态', width: 6, value: (matter) => REVIEW_STATUS_LABELS[matter.status] },
  ],
})
