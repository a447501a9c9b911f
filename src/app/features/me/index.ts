export { meRoutes } from './routes.ts'
export { useSettingsStore } from './settings.store.ts'
export type { MeMessages } from './messages.zh-CN.ts'
