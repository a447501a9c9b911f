/**
 * The county's townships, villages and departments as the policy and
 * consultation screens name and pick them (`/api/assessment/places`: every
 * unit of the county, not only the user's scope, since a policy concerns
 * places anywhere). Fetched when online and cached in settings for offline
 * use; one store, so the two features share one copy and one cache.
 */
import { defineStore, storeToRefs } from 'pinia'
import { computed, shallowRef } from 'vue'
import { z } from 'zod'
import { orgUnitSchema, type OrgUnit } from '#shared/org/org.schema.ts'
import { pathIds } from '#shared/org/org-path.ts'
import { apiRequest } from '#app/api/http.ts'
import { appDb } from '#app/db/app-db.ts'
import { useAuthStore } from '#app/features/auth/index.ts'

/** Settings key of the cached places (the key the assessment screens have always used). */
const PLACES_KEY = 'assessment:places'
const placesSchema = z.array(orgUnitSchema)

/** A unit as a choice of ChoiceField; villages are minor (indented under their township). */
export interface PlaceChoice {
  value: string
  text: string
  id: string
  isMinor?: boolean
}

export const usePlacesStore = defineStore('places', () => {
  const { me } = storeToRefs(useAuthStore())
  const places = shallowRef<OrgUnit[]>([])
  const placesById = computed(() => new Map(places.value.map((unit) => [unit.id, unit])))

  /** The departments a record may be filed under: the user's own, or all for county staff. */
  const departmentChoices = computed<PlaceChoice[]>(() => {
    const own = me.value?.orgUnit
    const units =
      own?.tier === 'department' ? [own] : places.value.filter((unit) => unit.tier === 'department')
    return units.map((unit) => ({ value: unit.path, text: unit.name, id: unit.id }))
  })

  /** The townships, each followed by its villages: the places a policy or consultation concerns. */
  const areaChoices = computed<PlaceChoice[]>(() =>
    places.value
      .filter((unit) => unit.tier === 'township' || unit.tier === 'village')
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((unit) => ({
        value: unit.path,
        text: unit.name,
        id: unit.id,
        isMinor: unit.tier === 'village',
      })),
  )

  /** The name of the unit at the end of `path`, or its id when this device does not know it. */
  function placeName(path: string): string {
    const id = pathIds(path).at(-1) ?? ''
    return placesById.value.get(id)?.name ?? id
  }

  /** From the server when online, else cached. Never throws. */
  async function loadPlaces(): Promise<void> {
    const cached = placesSchema.safeParse((await appDb.settings.get(PLACES_KEY))?.value)
    if (cached.success && places.value.length === 0) places.value = cached.data
    if (!navigator.onLine) return
    try {
      const { units } = await apiRequest<{ units: OrgUnit[] }>('/api/assessment/places')
      places.value = units
      await appDb.settings.put({ key: PLACES_KEY, value: units })
    } catch {
      // Offline in fact, or the server is away: the cache (if any) stays in use.
    }
  }

  return { places, departmentChoices, areaChoices, placeName, loadPlaces }
})
