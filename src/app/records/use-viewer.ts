/**
 * The signed-in user as a record kind's rules see a viewer (who may act on
 * which row): one computed for every store that asks "may I?".
 */
import { computed, type ComputedRef } from 'vue'
import { storeToRefs } from 'pinia'
import type { Viewer } from '#shared/sync/record-kind.ts'
import { useAuthStore } from '#app/features/auth/index.ts'

/** The viewer, or null while nobody is signed in. */
export function useViewer(): ComputedRef<Viewer | null> {
  const { me } = storeToRefs(useAuthStore())
  return computed(() =>
    me.value
      ? {
          userId: me.value.user.id,
          role: me.value.user.role,
          orgUnitId: me.value.orgUnit.id,
          orgPath: me.value.orgUnit.path,
        }
      : null,
  )
}
