/** The ledger screen's texts (台账导出); loaded with its route (src/app/i18n/index.ts). */
export const ledgerMessages = {
  ledger: {
    title: '台账导出',
    intro: '台账由服务器按您的权限生成：只含您可以查看的记录，群众个人信息按权限脱敏。',
    which: '台账',
    period: '期间',
    periods: {
      all: '全部',
      month: '本月',
      quarter: '本季度',
      year: '本年度',
      lastYear: '上一年度',
    },
    split: '分表',
    splits: {
      none: '不分表',
      township: '按乡镇（街道）分表',
      village: '按村（社区）分表',
    },
    format: '格式',
    formats: { xlsx: 'Excel（.xlsx）', csv: 'CSV（.csv）' },
    export: '导出',
    exporting: '正在生成，已接收 {size}',
    done: '已下载：{name}',
    offline: '导出台账需要联网，请连接网络后再试',
    failed: '导出未完成，请检查网络后重试',
  },
}

/** The ledger screen's message tree. */
export type LedgerMessages = typeof ledgerMessages
