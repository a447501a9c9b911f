export { deputyRoutes } from './routes.ts'
export type { DeputyMessages } from './messages.zh-CN.ts'
