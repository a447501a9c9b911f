import { oversightMessages } from './messages.ts'
export type { OversightMessages } from './messages.zh-CN.ts'
export { oversightMessages }
export { oversightRoutes } from './routes.ts'
