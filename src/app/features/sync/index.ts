export { syncRoutes } from './routes.ts'
export { useSyncStore } from './sync.store.ts'
