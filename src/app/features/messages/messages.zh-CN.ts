/** The message centre's texts (消息, issue #21.1); loaded with its route and the badge. */
export const messagesMessages = {
  messages: {
    title: '消息',
    unreadCount: '{count} 条未读',
    noUnread: '没有未读消息',
    empty: '暂无消息。新的交办、退回、临期和逾期提醒、议事日邀请会显示在这里。',
    markAllRead: '全部标为已读',
    unread: '未读',
    derivedHint: '消息由本机已同步的记录生成，离线也能查看；同步后才会出现其他手机上的新变化。',
    kind: {
      assigned: '新交办',
      returned: '被退回',
      reopened: '群众不满意，需重新办理',
      answered: '已有答复，请回访群众',
      dueSoon: '即将到期',
      overdue: '已逾期',
      invited: '议事日邀请',
    },
    action: {
      register: '新登记的说事待受理',
      escalate: '村社上报到本乡镇',
      dispatch: '派发到本部门办理',
      return_to_village: '乡镇退回村社办理',
      return_to_township: '部门退回乡镇',
      resolve_locally: '村社已就地化解',
      resolve_by_township: '乡镇已答复',
      reply: '部门已答复',
      feedback: '群众回访不满意',
    },
    dueOn: '{date} 到期',
    lateBy: '逾期 {days} 个工作日（{date} 到期）',
    dayOn: '议事日 {date}',
    notify: {
      enable: '开启系统通知',
      on: '已开启：有新消息时手机会提醒',
      denied: '通知已被拒绝，请在浏览器设置中允许本站通知',
      unsupported: '此浏览器不支持系统通知，请在应用内查看消息',
      summary: '{count} 条新消息',
    },
    desk: {
      title: '消息',
      summary: '{unread} 条未读',
      dueSoon: '{count} 件即将到期',
      overdue: '{count} 件已逾期',
      today: '今日新增 {count} 条',
    },
  },
}

export type MessagesMessages = typeof messagesMessages
