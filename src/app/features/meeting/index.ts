export { meetingRoutes } from './routes.ts'
