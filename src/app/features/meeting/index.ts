export { meetingRoutes } from './routes.ts'
export type { MeetingMessages } from './messages.zh-CN.ts'
