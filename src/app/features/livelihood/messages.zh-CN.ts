import { aroundItemMessages } from './around-item-messages.zh-CN.ts'

/** The livelihood list (民生实事) screens' texts; loaded with their routes (src/app/i18n/index.ts). */
export const livelihoodMessages = {
  livelihood: {
    ...aroundItemMessages,
    status: {
      candidate: '候选',
      listed: '已列入清单',
      submitted: '已报县政府办',
      accepted: '已纳入县计划',
      returned: '已退回',
      merged: '已合并',
      in_progress: '实施中',
      completed: '已完成验收',
      cancelled: '已取消',
    },
    overdue: {
      submission: '逾期未报送',
      decision: '逾期未审核',
      start: '逾期未开工',
      progress: '进度逾期未报',
      completion: '逾期未完成',
    },
  },
}

export type LivelihoodMessages = typeof livelihoodMessages
