export type { DisclosureMessages } from './messages.zh-CN.ts'
export { disclosureRoutes } from './routes.ts'
