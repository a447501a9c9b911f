export type { LivelihoodMessages } from './messages.zh-CN.ts'
export { livelihoodMessages } from './messages.ts'
