export { authRoutes } from './routes.ts'
export { useAuthStore } from './auth.store.ts'
