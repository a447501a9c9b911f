/**
 * 群众评议表台账 (per campaign with `?of=<campaign id>`): one row per form
 * with its four scores (实施效果、满意度、可操作性、合理性) and three free
 * answers; the foot of each sheet averages the scores — the campaign's
 * results. 评议活动台账: one row per campaign.
 */
import { CAMPAIGN_KIND, FORM_KIND } from '../assessment/assessment.kind.ts'
import {
  campaignDataSchema,
  formDataSchema,
  type CampaignData,
  type FormChannel,
  type FormData,
} from '../assessment/assessment.schema.ts'
import { dateCell, defineLedger, grouped, instantCell, readWith } from './ledger.definition.ts'

const CHANNEL_LABELS: Readonly<Record<FormChannel, string>> = {
  self_service: '群众自助填写',
  assisted: '网格员代录',
}

export const formLedger = defineLedger<FormData>({
  id: 'assessment-forms',
  title: '群众评议表台账',
  kind: FORM_KIND,
  read: (data) => {
    const form = readWith(formDataSchema)(data)
    // A withdrawn form is not a result.
    return form?.status === 'submitted' ? form : null
  },
  dateOf: (form) => form.submittedAt.slice(0, 10),
  parentOf: (form) => form.campaignId,
  columns: [
    { header: '填写日期', width: 8, value: (form) => instantCell(form.submittedAt) },
    { header: '村社', width: 10, value: (form, context) => context.unitName(form.villagePath) },
    { header: '方式', width: 7, value: (form) => CHANNEL_LABELS[form.channel] },
    grouped('评分（1–5分）', [
      { header: '实施效果', width: 4, summary: 'mean', value: (form) => form.scores.effect },
      { header: '满意度', width: 4, summary: 'mean', value: (form) => form.scores.satisfaction },
      { header: '可操作性', width: 4, summary: 'mean', value: (form) => form.scores.operability },
      { header: '合理性', width: 4, summary: 'mean', value: (form) => form.scores.reasonableness },
    ]),
    grouped('意见建议', [
      { header: '存在的不足', width: 14, value: (form) => form.shortcomings },
      { header: '存在风险', width: 14, value: (form) => form.risks },
      { header: '改进建议', width: 14, value: (form) => form.suggestions },
    ]),
    { header: '录入人', width: 6, value: (form) => form.recordedByName },
  ],
})

export const campaignLedger = defineLedger<CampaignData>({
  id: 'assessment-campaigns',
  title: '政策评议活动台账',
  kind: CAMPAIGN_KIND,
  read: readWith(campaignDataSchema),
  dateOf: (campaign) => campaign.opensOn,
  columns: [
    { header: '文号', width: 10, value: (campaign) => campaign.documentNumber },
    { header: '政策名称', width: 18, value: (campaign) => campaign.policyTitle },
    {
      header: '起草部门',
      width: 10,
      value: (campaign, context) => context.unitName(campaign.issuingDepartment),
    },
    grouped('评议期间', [
      { header: '开始', width: 8, value: (campaign) => dateCell(campaign.opensOn) },
      { header: '结束', width: 8, value: (campaign) => dateCell(campaign.closesOn) },
    ]),
    {
      header: '参评村社',
      width: 16,
      value: (campaign, context) =>
        campaign.villages.map((path) => context.unitName(path)).join('、'),
    },
    {
      header: '状态',
      width: 4,
      value: (campaign) => (campaign.status === 'open' ? '进行中' : '已结束'),
    },
    { header: '发起人', width: 6, value: (campaign) => campaign.openedByName },
  ],
})
