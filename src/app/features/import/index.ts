export { importRoutes } from './routes.ts'
export type { ImportMessages } from './messages.zh-CN.ts'
