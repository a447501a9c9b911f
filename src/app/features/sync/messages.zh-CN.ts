/** The 同步 screen's texts; loaded with its route (src/app/i18n/index.ts). */
export const syncMessages = {
  sync: {
    title: '同步',
    phase: {
      idle: '已同步',
      syncing: '正在同步…',
      offline: '离线，联网后自动同步',
      error: '同步出错，稍后自动重试',
      outdated: '应用版本过旧，请刷新更新后再同步',
      'signed-out': '请重新登录后同步',
    },
    pending: '待上传',
    photos: '照片待上传',
    photosCount: '{count} 张',
    photoRefused: '照片未被接受',
    lastSuccess: '上次成功同步',
    never: '尚未同步',
    syncNow: '立即同步',
    progress: '首次同步：已下载 {done} / {total} 条',
    rejectedTitle: '未被接受的修改',
    rejectedHint: '以下修改未被服务器接受。放弃后记录恢复为服务器上的内容。',
    discard: '放弃',
    discardConfirm: '放弃这条修改？记录将恢复为服务器上的内容。',
    empty: '没有未被接受的修改',
    savedAt: '保存于 {time}',
    lastError: '最近错误',
    refusedCount: '{count} 条未能同步',
    untitled: '（本机没有这条记录）',
    noReason: '服务器未说明原因',
    hint: {
      retry: '稍后条件满足时可以重试。',
      edit: '重试也不会成功：请打开记录修改后重新保存，或放弃这条修改。',
      discard: '重试也不会成功，本机也没有这条记录：请放弃这条修改。',
    },
    kinds: {
      issue: '说事',
      meeting: '议事日',
      mediator: '解事员',
      policy: '政策',
      assessment_campaign: '评议活动',
      assessment_form: '评议表',
      post_evaluation: '后评估',
    },
    edit: '修改',
  },
}

export type SyncMessages = typeof syncMessages
