/**
 * The settings screen's state: the version in force read from the server,
 * a copy to edit, the history, and saving the whole table from the version
 * edited (the server answers a conflict when someone saved in between).
 * Online only: a county setting changes for every phone, so it is never
 * queued on one.
 */
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { CountySettings, SettingsSnapshot } from '#shared/settings/settings.schema.ts'
import { ApiError, apiRequest } from '#app/api/http.ts'
import { appDb } from '#app/db/app-db.ts'
import { refreshCountySettings } from '#app/sync/county-settings.ts'

/** Shares shown as whole percentages. */
export interface Percentages {
  satisfiedBelow: number
  concernAtLeast: number
}

export function useSettingsForm() {
  const { t } = useI18n()
  const snapshot = shallowRef<SettingsSnapshot | null>(null)
  const draft = ref<CountySettings | null>(null)
  const percent = ref<Percentages>({ satisfiedBelow: 0, concernAtLeast: 0 })
  const history = shallowRef<SettingsSnapshot[]>([])
  const message = ref('')
  const isSaving = ref(false)

  function fill(next: SettingsSnapshot): void {
    snapshot.value = next
    draft.value = structuredClone(next.settings)
    percent.value = {
      satisfiedBelow: Math.round(next.settings.postEvaluation.satisfiedShareBelow * 100),
      concernAtLeast: Math.round(next.settings.postEvaluation.concernShareAtLeast * 100),
    }
  }

  const explain = (error: unknown) =>
    error instanceof ApiError ? error.message : t('countySettings.offline')

  async function load(): Promise<void> {
    try {
      fill(await apiRequest<SettingsSnapshot>('/api/settings'))
      history.value = (
        await apiRequest<{ versions: SettingsSnapshot[] }>('/api/settings/history')
      ).versions
    } catch (error) {
      message.value = explain(error)
    }
  }

  /** The edited table with the inputs' values as numbers (an emptied box is refused by the server). */
  function edited(settings: CountySettings): CountySettings {
    return {
      ...settings,
      postEvaluation: {
        minResponses: Number(settings.postEvaluation.minResponses),
        satisfiedShareBelow: Number(percent.value.satisfiedBelow) / 100,
        concernShareAtLeast: Number(percent.value.concernAtLeast) / 100,
      },
    }
  }

  async function save(): Promise<void> {
    if (!draft.value || !snapshot.value) return
    isSaving.value = true
    message.value = ''
    try {
      const saved = await apiRequest<SettingsSnapshot>('/api/settings', {
        method: 'PUT',
        body: { baseVersion: snapshot.value.version, settings: edited(draft.value) },
      })
      fill(saved)
      // This phone follows at once; the others at their next sync.
      await refreshCountySettings(appDb, () => Promise.resolve(saved))
      message.value = t('countySettings.saved', { version: saved.version })
      history.value = [saved, ...history.value]
    } catch (error) {
      message.value = explain(error)
    } finally {
      isSaving.value = false
    }
  }

  return { snapshot, draft, percent, history, message, isSaving, load, save }
}
