export { consultationPublicRoutes } from './public-routes.ts'
export type { ConsultationPublicMessages } from './public-messages.zh-CN.ts'
