/**
 * The shell's texts, in Simplified Chinese: what the first screen needs (app,
 * tab bar, login, home, update prompt, browser guide) and words shared by
 * several features (`common.*`). Each feature's own texts live next to it in
 * `features/<f>/messages.zh-CN.ts` and load with its routes (./index.ts).
 */
export const zhCN = {
  app: {
    name: '说事',
    slogan: '让数据多跑路，群众少跑腿',
  },
  tabs: {
    home: '首页',
    issues: '说事',
    meetings: '议事',
    assessments: '评议',
    me: '我的',
  },
  roles: {
    grid_worker: '网格员',
    village_cadre: '村社干部',
    mediator: '解事员',
    township_staff: '乡镇干部',
    county_staff: '县说事中心',
    department_staff: '县级部门',
    admin: '系统管理员',
    deputy: '代表委员',
  },
  login: {
    title: '登录说事',
    phone: '手机号',
    phonePlaceholder: '请输入11位手机号',
    password: '密码',
    passwordPlaceholder: '请输入密码',
    submit: '登录',
    offline: '当前没有网络，首次登录需要联网',
    unsyncedOther:
      '这台手机上还有上一位用户 {count} 条未同步的内容，请上一位用户登录并同步完成后退出，再换人登录',
    demoHint: '演示账号见项目说明（README），密码 Shuoshi2026',
  },
  home: {
    greeting: '{name}，您好',
    unit: '所在单位',
    flowTitle: '说事流程',
    flow: '收集 → 分类 → 就地化解 / 吹哨上报 → 事事有回应，件件有着落',
    entries: {
      issues: '群众说事',
      meetings: '固定议事日',
      assessments: '群众评议',
      consultations: '政府问政',
      livelihood: '民生实事',
      capture: '登记群众说事',
      supervision: '督导考核',
      deputies: '代表委员联系',
      outreach: '巡讲与工作室',
      disclosures: '村务公开',
      enforcement: '执法自我纠错',
      review: '行政复议联系点',
    },
  },
  update: {
    available: '新版本可用',
    refresh: '刷新',
  },
  browserGuide: {
    title: '请用手机浏览器打开',
    wechat:
      '您正在微信里打开「说事」。微信内置浏览器不能离线保存数据，没有网络时登记的内容可能丢失。',
    unsupported: '当前浏览器不支持离线保存数据，没有网络时无法使用「说事」。',
    step1: '点右上角「···」',
    step2: '选择「在浏览器打开」',
    step3: '在浏览器中登录后，可「添加到主屏幕」',
    copyLink: '复制链接',
    copied: '链接已复制，请粘贴到浏览器地址栏',
    continue: '仍在此处继续（仅联网使用）',
  },
  common: {
    back: '返回',
    // The message centre's entry on 我的 (issue #21.1).
    messages: '消息',
    messagesUnread: '{count} 条未读',
    readAloud: '朗读',
    stopReading: '停止朗读',
    // The text-size switch of the public pages (PublicFrame).
    largeText: '大字',
    save: '保存',
    saving: '正在保存…',
    saved: '已保存',
    yes: '是',
    no: '否',
    draft: {
      restored: '已恢复上次未保存的草稿',
      clear: '清空草稿',
      clearConfirm: '清空草稿？已填写的内容和照片将被删除。',
      cleared: '草稿已清空',
    },
    tag: {
      land: '土地',
      neighbour_dispute: '邻里纠纷',
      social_security: '社会保障',
      housing: '住房',
      health: '医疗卫生',
      employment: '就业',
      education: '教育',
      elderly_care: '养老',
      infrastructure: '基础设施',
      environment: '环境',
      other: '其他',
    },
    discussableList: '议事清单',
    sync: {
      entry: '数据同步',
      idle: '已同步',
      pendingCount: '{count} 条',
      // Sync health (issue #21.2), on the 同步 page and the desk.
      health: {
        title: '同步状况',
        reach: {
          ok: '服务器连接正常',
          never: '本机尚未与服务器同步过',
          noNetwork: '没有网络：手机未连上移动数据或 Wi-Fi',
          serverDown: '连不上服务器：网络已连接，但服务器没有应答',
          serverError: '服务器出错，稍后自动重试',
          signedOut: '登录已失效，需要重新登录才能同步',
          outdated: '应用版本过旧，服务器不再接收，需要先更新',
        },
        oldest: '最早一条未上传的修改：{age}',
        last: '上次成功同步：{age}',
        none: '无',
        underAnHour: '不到 1 小时前',
        hours: '{count} 小时前',
        days: '{count} 天前',
        warning: {
          unsentStale: '有修改已等待上传超过 24 小时（{age}）。',
          notSyncedStale: '本机已超过 24 小时没有同步（{age}），看到的可能不是最新情况。',
        },
        todo: {
          ok: '请打开“同步”页点“立即同步”。',
          never: '请在有信号的地方打开应用，并在“同步”页点“立即同步”。',
          noNetwork: '请到有信号或 Wi-Fi 的地方打开应用，它会自动同步；不要清除浏览器数据。',
          serverDown: '请稍后再试；超过一天仍连不上，请联系县级说事中心的管理员。',
          serverError: '请稍后再试；超过一天仍失败，请联系县级说事中心的管理员。',
          signedOut: '请在“我的”退出后重新登录，未上传的修改仍在本机，登录后继续上传。',
          outdated: '请关闭后重新打开应用，或在提示时点“更新”，然后再同步。',
        },
      },
    },
    retry: '重试',
    cancel: '取消',
    networkError: '网络不可用，请稍后再试',
  },
}

export type ShellMessages = typeof zhCN
