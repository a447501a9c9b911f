export { useOrgUnitsStore } from './org-units.store.ts'
