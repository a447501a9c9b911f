/**
 * The error body every endpoint answers with: a stable machine code and a
 * reason in Simplified Chinese that the UI may show as it is. Free of zod:
 * the first screen imports it.
 */
export const ERROR_MESSAGES = {
  bad_request: '请求内容有误',
  validation_failed: '填写的内容有误，请检查后再提交',
  unauthenticated: '请先登录',
  session_expired: '登录已过期，请重新登录',
  invalid_credentials: '手机号或密码不正确；如确认无误，请联系管理员',
  account_disabled: '该账号已停用，请联系管理员',
  too_many_attempts: '尝试次数过多，请15分钟后再试',
  forbidden: '没有权限进行此操作',
  out_of_scope: '无权查看或操作该单位的数据',
  not_found: '要找的内容不存在',
  conflict: '数据已被他人修改，请刷新后再试',
  phone_taken: '该手机号已注册',
  role_tier_mismatch: '该角色不能设在这一级单位',
  tier_nesting: '该层级的单位不能设在所选上级单位之下',
  wrong_password: '原密码不正确',
  cannot_deactivate_self: '不能停用自己的账号',
  township_required: '请选择乡镇（街道）',
  payload_too_large: '提交的内容过大',
  upload_quota_exceeded: '今天上传的照片和录音已达上限，请明天再上传',
  invalid_text: '提交的内容含有无法识别的字符（如空字符或残缺的表情符号），请删除后重试',
  client_outdated: '应用版本过旧，请刷新更新后再同步',
  ballot_code_invalid: '评议码无效或已使用，请向说事站工作人员核对',
  campaign_closed: '该评议不在进行中',
  too_many_ballots: '提交过于频繁，请10分钟后再试',
  sheet_not_retrievable: '这批评议码是在可重新打印之前生成的，无法再次显示，请重新生成',
  cross_site_request: '拒绝来自其他网站的操作请求，请在本系统页面中操作',
  server_storage_full: '服务器存储空间已满，记录仍安全保存在手机上，请稍后再同步',
  database_unavailable: '服务器暂时连不上数据库，记录仍安全保存在手机上，请稍后再试',
  invalid_period: '统计期间不正确',
  invalid_standards: '考核指标或评分标准不正确',
  server_busy: '服务器繁忙，记录仍安全保存在手机上，稍后自动重试',
  consultation_closed: '该事项不在征求意见期内，暂不能提交意见',
  too_many_opinions: '提交过于频繁，请10分钟后再试',
  duplicate_opinion: '这条意见已经提交过了，请勿重复提交',
  tracking_code_invalid: '查询码不正确，请核对后再试',
  too_many_lookups: '查询过于频繁，请10分钟后再试',
  internal: '服务器出错了，请稍后再试',
  // Livelihood list (issue #16): residents' ranking and the public progress page.
  ranking_code_invalid: '排序码无效或已使用，请向说事站工作人员核对',
  ranking_closed: '该排序不在进行中',
  too_many_public_reads: '访问过于频繁，请稍后再试',
  // Residents' own reports (issue #17.3, .4).
  too_many_reports: '提交过于频繁，请10分钟后再试',
  village_reports_full: '该村社今天网上说事已较多，请明天再提交或联系网格员',
  form_expired: '页面已过期，已为您重新载入，请核对后再次提交',
  not_awaiting_feedback: '这件事目前不需要评价，办理答复后再来',
  // Ledgers (issue #19.1).
  unknown_ledger: '没有这种台账',
  ledger_busy: '台账正在导出，请等当前导出完成后再试',
  // Import from other channels and the open API (issue #19.3, #19.4).
  import_file_type: '请上传CSV或Excel（xlsx）文件',
  import_source_taken: '已有同名的来源平台',
  api_token_invalid: '接口令牌无效或已吊销',
  too_many_api_calls: '接口调用过于频繁，请稍后再试',
  // County settings (issue #20.4).
  settings_conflict: '设置已被他人修改，请刷新后在最新设置上修改',
  invalid_settings: '设置内容不正确，请检查后再保存',
  // Administration (issue #20.1–20.3).
  password_change_required: '请先修改管理员发放的临时密码',
  cannot_change_self: '不能修改自己的角色或单位',
  unit_retired: '该单位已撤销，不能再添加下级或账号',
  unit_has_users: '该单位或其下级仍有在用账号，请先调走或停用',
  unit_has_records: '该单位下已有业务记录，不能移动；如需调整请撤销后新建',
  cannot_retire_root: '不能撤销县级单位或自己所在的单位',
  move_into_own_subtree: '不能把单位移到它自己的下级之下',
  handover_invalid: '交接双方须为网格员，且原网格员在该网格',
  import_has_errors: '导入文件有错误，请按提示修改后重新上传',
  import_unreadable: '无法读取导入文件，请使用下载的模板（xlsx 或 csv）',
} as const satisfies Record<string, string>

export type ErrorCode = keyof typeof ERROR_MESSAGES

export interface ApiErrorBody {
  code: string
  message: string
  /** Field-level problems of a rejected form, keyed by dotted field path. */
  fields?: Record<string, string>
}
