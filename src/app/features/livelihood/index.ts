export { livelihoodMessages } from './messages.ts'
export { livelihoodRoutes } from './routes.ts'
export type { LivelihoodMessages } from './messages.zh-CN.ts'
