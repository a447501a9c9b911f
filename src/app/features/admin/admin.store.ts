/**
 * The last committed import, for its slips page. Kept in memory only: the
 * temporary passwords must never reach the device's database, and are gone
 * once the admin leaves or reloads.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ImportResult } from '#shared/admin/user-import.ts'

export const useAdminStore = defineStore('admin', () => {
  const lastImport = ref<ImportResult | null>(null)
  return { lastImport }
})
