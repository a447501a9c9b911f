export { policyRoutes } from './routes.ts'
export type { AssessmentMessages } from './messages.zh-CN.ts'
