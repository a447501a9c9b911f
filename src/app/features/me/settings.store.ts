/** Device settings, kept in IndexedDB so they survive reloads and offline starts. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { appDb } from '#app/db/app-db.ts'

const ELDER_MODE = 'elderMode'

export const useSettingsStore = defineStore('settings', () => {
  const isElderMode = ref(false)

  /** Reads the saved settings; called once before the app mounts, so there is no flash. */
  async function load(): Promise<void> {
    const row = await appDb.settings.get(ELDER_MODE)
    isElderMode.value = row?.value === true
  }

  async function setElderMode(value: boolean): Promise<void> {
    isElderMode.value = value
    await appDb.settings.put({ key: ELDER_MODE, value })
  }

  return { isElderMode, load, setElderMode }
})
