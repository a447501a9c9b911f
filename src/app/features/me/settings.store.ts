/** Device settings, kept in IndexedDB so they survive reloads and offline starts. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { readStartRow } from '#app/db/start-read.ts'

const ELDER_MODE = 'elderMode'

export const useSettingsStore = defineStore('settings', () => {
  const isElderMode = ref(false)

  /** Reads the saved settings; called once before the app mounts, so there is no flash. */
  async function load(): Promise<void> {
    const row = await readStartRow('settings', ELDER_MODE)
    isElderMode.value = row?.value === true
  }

  async function setElderMode(value: boolean): Promise<void> {
    isElderMode.value = value
    // Dexie loads on the first write, not in the first screen.
    const { appDb } = await import('#app/db/app-db.ts')
    await appDb.settings.put({ key: ELDER_MODE, value })
  }

  return { isElderMode, load, setElderMode }
})
