export { useDiscussableStore } from './discussable.store.ts'

/**
 * Fetches the township's 议事清单 and keeps it for offline capture (#12.10b);
 * the module (and zod) loads only when called, off the first screen.
 */
export const refreshDiscussableList = () =>
  import('./discussable-cache.ts').then((cache) => cache.refreshDiscussableList())
