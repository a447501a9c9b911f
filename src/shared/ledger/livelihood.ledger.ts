/**
 * 民生实事清单台账: one row per livelihood item — year, township and the
 * proposing village, what and where, the plan (responsible unit, cost,
 * dates), the latest progress and the completion with its acceptance.
 */
import {
  LIVELIHOOD_ITEM_KIND,
  livelihoodItemDataSchema,
  type LivelihoodItemData,
} from '../livelihood/livelihood.schema.ts'
import { LIVELIHOOD_STATUS_LABELS } from '../livelihood/livelihood.labels.ts'
import { dateCell, defineLedger, grouped, readWith } from './ledger.definition.ts'

export const livelihoodLedger = defineLedger<LivelihoodItemData>({
  id: 'livelihood',
  title: '民生实事清单台账',
  kind: LIVELIHOOD_ITEM_KIND,
  read: readWith(livelihoodItemDataSchema),
  dateOf: (item) => item.proposedAt.slice(0, 10),
  columns: [
    { header: '年度', width: 4, value: (item) => item.year },
    { header: '乡镇', width: 10, value: (item, context) => context.unitName(item.township) },
    {
      header: '提出村社',
      width: 10,
      value: (item, context) => (item.village ? context.unitName(item.village) : ''),
    },
    { header: '实事名称', width: 14, value: (item) => item.name },
    { header: '地点', width: 10, value: (item) => item.place },
    { header: '群众诉求', width: 4, summary: 'sum', value: (item) => item.sourceIssueIds.length },
    grouped('实施计划', [
      {
        header: '责任单位',
        width: 10,
        value: (item, context) => (item.plan ? context.unitName(item.plan.responsibleUnit) : ''),
      },
      {
        header: '概算（万元）',
        width: 6,
        summary: 'sum',
        value: (item) => item.plan?.estimatedCost ?? null,
      },
      { header: '计划完成', width: 8, value: (item) => dateCell(item.plan?.plannedCompletion) },
    ]),
    {
      header: '进度',
      width: 4,
      value: (item) => {
        const latest = item.progress.at(-1)
        return latest ? `${latest.percent}%` : ''
      },
    },
    { header: '状态', width: 6, value: (item) => LIVELIHOOD_STATUS_LABELS[item.status] },
    { header: '完成日期', width: 8, value: (item) => dateCell(item.completion?.completedOn) },
    { header: '验收日期', width: 8, value: (item) => dateCell(item.completion?.acceptedOn) },
  ],
})
