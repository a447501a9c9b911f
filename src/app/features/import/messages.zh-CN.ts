/** The import screen's texts (导入其他渠道的工单); loaded with its route (src/app/i18n/index.ts). */
export const importMessages = {
  import: {
    title: '导入其他渠道工单',
    offline: '导入需要联网，请连接网络后再试',
    source: '来源平台',
    newSource: '新建来源平台',
    editSource: '修改列对应',
    noSources: '还没有来源平台，请先新建并设置列对应关系',
    sourceName: '平台名称',
    sourceNamePlaceholder: '如：12345热线',
    channelLabel: '来源渠道',
    categoryLabel: '默认事项分类',
    columnsHint: '填写导出文件第1行中对应的列名；带*的必须填写，其余可留空',
    saveSource: '保存列对应',
    sourceSaved: '已保存列对应',
    file: '选择导出文件（CSV 或 xlsx）',
    fileHint: '第1行为列名；一次最多20000行。同一工单编号重复导入不会重复登记。',
    preview: '预览',
    previewing: '正在检查…',
    commit: '导入 {count} 条',
    committing: '正在导入…',
    counts: '可导入 {ready} 条，已导入过 {duplicate} 条，有误 {invalid} 条',
    created: '已登记 {count} 条说事，已分到各网格',
    line: '第{line}行',
    status: {
      ready: '可导入',
      duplicate: '已导入过',
      invalid: '有误',
    },
    field: {
      ticket: '工单编号*',
      village: '村社*',
      grid: '网格',
      title: '标题',
      description: '具体情况*',
      name: '群众姓名',
      phone: '联系电话',
      place: '地点',
      category: '事项分类',
    },
    channel: {
      grid_visit: '网格走访',
      station: '说事站',
      online: '线上',
      phone_call: '来电',
      walk_in: '来访',
    },
    category: {
      personal: '个人事项',
      public_interest: '公益事项',
      administrative: '行政管理事项',
    },
  },
}

/** The shape of this feature's texts (for the typed message keys). */
export type ImportMessages = typeof importMessages
