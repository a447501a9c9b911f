/**
 * The record a page's route names (`…/:id`), found among the live rows of
 * its kind: the one lookup every detail, print and plan page of a record
 * makes. `row` is null until the record is on this device (DetailPage's
 * `row` waits for it).
 */
import { computed, type ComputedRef } from 'vue'
import { useRoute } from 'vue-router'

export function useRouteRecord<R extends { id: string }>(
  rows: () => readonly R[],
): { id: ComputedRef<string>; row: ComputedRef<R | null> } {
  const route = useRoute()
  const id = computed(() => String(route.params.id))
  const row = computed(() => rows().find((candidate) => candidate.id === id.value) ?? null)
  return { id, row }
}
