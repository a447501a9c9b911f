/**
 * The texts of the public consultation pages (no account) and of the yearly
 * participation catalogue; loaded with their routes (src/app/i18n/index.ts).
 * Their own top-level keys, apart from the consultation screens' texts.
 */
export const consultationPublicMessages = {
  consultationPublic: {
    largeText: '大字',
  },
  catalogue: {
    title: '公众参与事项目录',
    yearTitle: '{year}年度公众参与事项目录',
    create: '编制{year}年度目录',
    empty: '暂无年度目录',
    entriesEmpty: '目录中还没有事项',
    draft: '草稿',
    published: '已发布',
    publishedAt: '{date}发布',
    publish: '发布目录',
    publishConfirm: '发布后，群众可在公开页面查看本年度目录。确定发布？',
    publishedToast: '目录已发布',
    addEntry: '添加事项',
    editEntry: '修改事项',
    removeEntry: '删除事项',
    saveEntry: '保存事项',
    publicLink: '公开页面',
    overdueCount: '逾期未启动 {count} 项',
    quarter: '第{quarter}季度',
    quarters: { 1: '第一季度', 2: '第二季度', 3: '第三季度', 4: '第四季度' },
    linked: '已关联征求意见',
    fields: {
      title: '事项名称',
      titlePlaceholder: '如：县城区停车收费管理办法（修订）',
      department: '承办单位',
      plannedQuarter: '计划季度',
    },
    status: {
      planned: '计划中',
      opened: '已启动征求意见',
      overdue: '逾期未启动',
      opened_late: '逾期后启动',
    },
    public: {
      title: '公众参与事项年度目录',
      intro: '以下重大行政决策事项将向社会公开征求意见，欢迎关注和参与。',
      yearLabel: '年度',
      none: '{year}年度目录尚未发布',
      offline: '网络不通，请稍后再试',
      open: '查看征求意见',
      department: '承办单位：{name}',
      overdue: '其中 {count} 项已过计划季度仍未启动征求意见',
    },
  },
}

export type ConsultationPublicMessages = typeof consultationPublicMessages
