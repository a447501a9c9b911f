/**
 * The org units this device knows: the user's scope and the county's
 * departments, fetched when online and cached in settings for offline use.
 * One store for every screen that names or picks units (issues, meetings).
 */
import { defineStore, storeToRefs } from 'pinia'
import { computed, shallowRef } from 'vue'
import { z } from 'zod'
import { pathIds } from '#shared/org/org-path.ts'
import { orgUnitSchema, type OrgUnit } from '#shared/org/org.schema.ts'
import { apiRequest } from '#app/api/http.ts'
import { appDb } from '#app/db/app-db.ts'
import { useAuthStore } from '#app/features/auth/index.ts'

/** Settings key of the cached units. */
const ORG_UNITS_KEY = 'orgUnits'
const orgUnitListSchema = z.array(orgUnitSchema)

export const useOrgUnitsStore = defineStore('orgUnits', () => {
  const { me } = storeToRefs(useAuthStore())
  const orgUnits = shallowRef<OrgUnit[]>([])

  /** Units by id: the cached list plus the user's own path (always known, offline too). */
  const unitsById = computed(() => {
    const map = new Map<string, OrgUnit>()
    for (const unit of me.value?.orgPath ?? []) map.set(unit.id, unit)
    for (const unit of orgUnits.value) map.set(unit.id, unit)
    return map
  })

  /** The name of the unit at the end of `path`, or its id when this device does not know it. */
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
    const cached = orgUnitListSchema.safeParse((await appDb.settings.get(ORG_UNITS_KEY))?.value)
    if (cached.success && orgUnits.value.length === 0) orgUnits.value = cached.data
    if (!navigator.onLine) return
    try {
      const [own, departments] = await Promise.all([
        apiRequest<{ units: OrgUnit[] }>('/api/org-units'),
        apiRequest<{ units: OrgUnit[] }>('/api/org-units?tier=department'),
      ])
      const byId = new Map([...own.units, ...departments.units].map((unit) => [unit.id, unit]))
      const units = [...byId.values()]
      orgUnits.value = units
      await appDb.settings.put({ key: ORG_UNITS_KEY, value: units })
    } catch {
      // Offline in fact, or the server is away: the cache (if any) stays in use.
    }
  }

  return { orgUnits, unitName, loadOrgUnits }
})
