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
    readAloud: '朗读',
    stopReading: '停止朗读',
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
    },
    retry: '重试',
    cancel: '取消',
    networkError: '网络不可用，请稍后再试',
  },
}

export type ShellMessages = typeof zhCN
