export { syncRoutes } from './routes.ts'
export { useSyncStore } from './sync.store.ts'
export type { SyncMessages } from './messages.zh-CN.ts'
