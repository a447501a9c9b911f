export { useDiscussableStore } from './discussable.store.ts'
