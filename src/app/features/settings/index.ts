export { settingsRoutes } from './routes.ts'
export { useFixedDays } from './use-fixed-days.ts'
export type { SettingsMessages } from './messages.zh-CN.ts'
