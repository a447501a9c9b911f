export { adminRoutes } from './routes.ts'
export type { AdminMessages } from './messages.zh-CN.ts'
