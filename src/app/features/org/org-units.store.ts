/**
 * The org units this device knows: the user's scope and the county's
 * departments (for pickers), and the names of every unit of the county (for
 * showing whatever unit a record mentions, also one outside the user's
 * scope), fetched when online and cached in settings for offline use. One
 * store for every screen that names or picks units (issues, meetings).
 */
import { defineStore, storeToRefs } from 'pinia'
import { computed, shallowRef } from 'vue'
import { z } from 'zod'
import { pathIds } from '#shared/org/org-path.ts'
import {
  orgUnitNameSchema,
  orgUnitSchema,
  type OrgUnit,
  type OrgUnitName,
} from '#shared/org/org.schema.ts'
import { apiRequest } from '#app/api/http.ts'
import { appDb } from '#app/db/app-db.ts'
import { useAuthStore } from '#app/features/auth/index.ts'

/** Settings key of the cached units. */
const ORG_UNITS_KEY = 'orgUnits'
const orgUnitListSchema = z.array(orgUnitSchema)
/** Settings key of the cached names of the county's units. */
const ORG_UNIT_NAMES_KEY = 'orgUnitNames'
const orgUnitNameListSchema = z.array(orgUnitNameSchema)

export const useOrgUnitsStore = defineStore('orgUnits', () => {
  const { me } = storeToRefs(useAuthStore())
  const orgUnits = shallowRef<OrgUnit[]>([])
  const names = shallowRef<OrgUnitName[]>([])

  /** Units by id: the county's names, the cached list and the user's own path (known offline too). */
  const unitsById = computed(() => {
    const map = new Map<string, OrgUnitName>()
    for (const unit of names.value) map.set(unit.id, unit)
    for (const unit of me.value?.orgPath ?? []) map.set(unit.id, unit)
    for (const unit of orgUnits.value) map.set(unit.id, unit)
    return map
  })

  /**
   * The name of the unit at the end of `path`; its id only when this device
   * has never been online since the unit was created.
   */
  function unitName(path: string): string {
    const id = pathIds(path).at(-1) ?? ''
    return unitsById.value.get(id)?.name ?? id
  }

  /**
   * The units in the user's scope and the county's departments: from the
   * server when online (then cached), else from the cache. Never throws: an
   * empty list means "not known on this device yet".
   */
  async function loadOrgUnits(): Promise<void> {
    const [cached, cachedNames] = await Promise.all([
      appDb.settings.get(ORG_UNITS_KEY),
      appDb.settings.get(ORG_UNIT_NAMES_KEY),
    ])
    const units = orgUnitListSchema.safeParse(cached?.value)
    if (units.success && orgUnits.value.length === 0) orgUnits.value = units.data
    const known = orgUnitNameListSchema.safeParse(cachedNames?.value)
    if (known.success && names.value.length === 0) names.value = known.data
    if (!navigator.onLine) return
    try {
      const [own, departments, county] = await Promise.all([
        apiRequest<{ units: OrgUnit[] }>('/api/org-units'),
        apiRequest<{ units: OrgUnit[] }>('/api/org-units?tier=department'),
        apiRequest<{ units: OrgUnitName[] }>('/api/org-units/names'),
      ])
      const byId = new Map([...own.units, ...departments.units].map((unit) => [unit.id, unit]))
      orgUnits.value = [...byId.values()]
      names.value = county.units
      await appDb.settings.bulkPut([
        { key: ORG_UNITS_KEY, value: orgUnits.value },
        { key: ORG_UNIT_NAMES_KEY, value: county.units },
      ])
    } catch {
      // Offline in fact, or the server is away: the cache (if any) stays in use.
    }
  }

  return { orgUnits, unitName, loadOrgUnits }
})
