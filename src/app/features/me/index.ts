export { meRoutes } from './routes.ts'
export { useSettingsStore } from './settings.store.ts'
