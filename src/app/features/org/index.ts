export { useOrgUnitsStore } from './org-units.store.ts'
export { usePlacesStore, type PlaceChoice } from './places.store.ts'
