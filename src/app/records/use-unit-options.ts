/**
 * The org units of some tiers as a form's options (a village to visit, a
 * department to investigate), read from the org-units store, which this
 * loads. Each option carries the unit's id for its `data-test`.
 */
import { computed, type ComputedRef } from 'vue'
import { storeToRefs } from 'pinia'
import type { OrgTier } from '#shared/org/org.schema.ts'
import { useOrgUnitsStore } from '#app/features/org/index.ts'
import type { ChoiceOption } from './field-specs.ts'

export function useUnitOptions(): (...tiers: OrgTier[]) => ComputedRef<Required<ChoiceOption>[]> {
  const org = useOrgUnitsStore()
  const { orgUnits } = storeToRefs(org)
  void org.loadOrgUnits()
  return (...tiers) =>
    computed(() =>
      orgUnits.value
        .filter((unit) => tiers.includes(unit.tier))
        .map((unit) => ({ value: unit.path, text: unit.name, id: unit.id, isMinor: false })),
    )
}
