/** The 我的 and password screens' texts; loaded with their routes (src/app/i18n/index.ts). */
export const meMessages = {
  me: {
    title: '我的',
    supervision: '督导考核',
    ledgers: '台账导出',
    import: '导入其他渠道工单',
    countySettings: '县级设置',
    admin: '单位和账号管理',
    user: '姓名',
    role: '角色',
    unit: '所在单位',
    network: '网络状态',
    online: '在线',
    offline: '离线',
    storage: '本机存储',
    storageUsed: '已用 {used} / 可用 {quota}',
    storageUnknown: '无法获取',
    persisted: '已开启持久存储',
    notPersisted: '未开启持久存储',
    version: '应用版本',
    elderMode: '长辈模式',
    elderModeHint: '字体更大，按钮更大',
    logout: '退出登录',
    logoutConfirm: '确定退出登录吗？',
    logoutUnsynced:
      '还有 {count} 条内容未同步，暂不能退出。退出登录会清除本机上您的全部数据，请联网同步完成后再退出。',
  },
  password: {
    title: '修改密码',
    // The form's fields by name: TextField finds label and placeholder here.
    fields: {
      currentPassword: '原密码',
      newPassword: '新密码',
      newPasswordPlaceholder: '至少8位，包含字母和数字',
      confirm: '再次输入新密码',
    },
    mismatch: '两次输入的新密码不一致',
    submit: '确认修改',
    changed: '密码已修改',
    othersSignedOut: '修改后，用这个账号登录的其他手机将退出登录。',
    temporary: '您正在使用管理员发放的临时密码，请先设置自己的新密码。原密码处填写临时密码。',
    offline: '离线中，联网后才能修改密码',
  },
}

export type MeMessages = typeof meMessages
