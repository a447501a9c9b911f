export { ledgerRoutes } from './routes.ts'
export type { LedgerMessages } from './messages.zh-CN.ts'
