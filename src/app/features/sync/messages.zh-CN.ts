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
    rejectedHint: '以下修改未被服务器接受，请重试或放弃（放弃后恢复为服务器上的内容）。',
    discard: '放弃',
    discardConfirm: '放弃这条修改？记录将恢复为服务器上的内容。',
    empty: '没有未被接受的修改',
    savedAt: '保存于 {time}',
    lastError: '最近错误',
  },
}

export type SyncMessages = typeof syncMessages
