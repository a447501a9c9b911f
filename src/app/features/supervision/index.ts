export { supervisionRoutes } from './routes.ts'
export type { SupervisionMessages } from './messages.zh-CN.ts'
