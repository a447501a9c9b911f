/**
 * Mediators' touring classes and studios on this device, the pool members
 * they name, and the changes the screens make.
 */
import { computed } from 'vue'
import { defineStore } from 'pinia'
import { isMediatorData, MEDIATOR_KIND } from '#shared/meeting/mediator.kind.ts'
import { isTouringClassData } from '#shared/meeting/outreach-class.kind.ts'
import { isStudioData } from '#shared/meeting/outreach-studio.kind.ts'
import { outreachCounts } from '#shared/meeting/outreach.counts.ts'
import {
  STUDIO_KIND,
  TOURING_CLASS_KIND,
  type StudioCreateInput,
  type StudioSessionInput,
  type TouringClassCreateInput,
} from '#shared/meeting/outreach.schema.ts'
import { i18n } from '#app/i18n/index.ts'
import { saveChanges } from '#app/records/save-changes.ts'
import { useKindRows } from '#app/records/use-kind-rows.ts'

export const useOutreachStore = defineStore('outreach', () => {
  const { rows: classes, isLoaded } = useKindRows(TOURING_CLASS_KIND, isTouringClassData, {
    newestBy: (data) => data.heldOn,
  })
  const { rows: studios } = useKindRows(STUDIO_KIND, isStudioData, {
    newestBy: (data) => data.createdAt,
  })
  const { rows: mediatorRows } = useKindRows(MEDIATOR_KIND, isMediatorData)
  /** Active pool members this device holds, to name on a class or studio. */
  const mediators = computed(() =>
    mediatorRows.value
      .filter((row) => row.data.isActive)
      .map((row) => ({ id: row.id, name: row.data.name })),
  )
  /** Classes and studio sessions per pool member, over what this device holds. */
  const counts = computed(() =>
    outreachCounts(
      classes.value.map((row) => row.data),
      studios.value.map((row) => row.data),
    ),
  )

  const saved = () => i18n.global.t('outreach.saved')
  const recordClass = (input: TouringClassCreateInput) =>
    saveChanges([{ kind: TOURING_CLASS_KIND, op: 'create', payload: { ...input } }], saved())
  const openStudio = (input: StudioCreateInput) =>
    saveChanges([{ kind: STUDIO_KIND, op: 'create', payload: { ...input } }], saved())
  const addSession = (studioId: string, input: StudioSessionInput) =>
    saveChanges(
      [{ kind: STUDIO_KIND, recordId: studioId, op: 'add_session', payload: { ...input } }],
      i18n.global.t('outreach.studio.sessionSaved'),
    )

  return { classes, studios, mediators, counts, isLoaded, recordClass, openStudio, addSession }
})
