export { homeRoutes } from './routes.ts'
export type { DeskMessages } from './messages.zh-CN.ts'
