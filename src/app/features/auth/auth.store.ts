/**
 * The signed-in user. The last `GET /api/me` answer is cached in IndexedDB so
 * the app opens offline with the user shown; the server stays the judge: a 401
 * from it signs the device out, a network failure keeps the cached user.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Me } from '#shared/auth/auth.schema.ts'
import { can, type Permission } from '#shared/auth/permissions.ts'
import { readStartRow } from '#app/db/start-read.ts'
import { ApiError, apiRequest } from '#app/api/http.ts'

/** The device database; Dexie loads on the first write, not in the first screen. */
const database = async () => (await import('#app/db/app-db.ts')).appDb

export type AuthStatus = 'unknown' | 'signed-in' | 'signed-out'

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const status = ref<AuthStatus>('unknown')
  const isSignedIn = computed(() => status.value === 'signed-in')

  async function remember(value: Me): Promise<void> {
    me.value = value
    status.value = 'signed-in'
    await (
      await database()
    ).session.put({ id: 'current', me: value, savedAt: new Date().toISOString() })
  }

  async function forget(): Promise<void> {
    me.value = null
    status.value = 'signed-out'
    await (await database()).session.delete('current')
  }

  /** Asks the server who we are; a 401 signs the device out, no answer keeps the cache. */
  async function confirm(): Promise<void> {
    try {
      const fresh = await apiRequest<Me>('/api/me')
      // The usual answer is the cached user: writing it again would load Dexie
      // into the first screen of every start (Lighthouse TBT) for nothing.
      if (status.value === 'signed-in' && JSON.stringify(fresh) === JSON.stringify(me.value)) return
      await remember(fresh)
    } catch (error) {
      // Nothing cached yet (a new device): nothing to forget, so Dexie need not load.
      if (status.value === 'unknown') status.value = 'signed-out'
      else if (error instanceof ApiError && error.status === 401) await forget()
    }
  }

  /**
   * Start-up: with a cached user the app opens at once (offline too) and the
   * server confirms in the background; without one we must ask the server.
   */
  async function restore(): Promise<void> {
    const cached = await readStartRow('session', 'current')
    if (cached) {
      me.value = cached.me
      status.value = 'signed-in'
      void confirm()
    } else {
      // Most likely signed out: fetch the login page while the server answers.
      void import('./LoginPage.vue')
      await confirm()
    }
  }

  /**
   * Signs in. On a phone another user left data on, that data is cleared
   * first; while it is not all synced, the new session is ended at once and
   * `UnsyncedDataError` thrown, so the new user never sees it (#20.5).
   */
  async function login(phone: string, password: string): Promise<void> {
    const answer = await apiRequest<Me>('/api/auth/login', {
      method: 'POST',
      body: { phone, password },
    })
    const { takeDeviceFor } = await import('#app/db/user-data.ts')
    try {
      await takeDeviceFor(await database(), answer.user.id)
    } catch (error) {
      await apiRequest('/api/auth/logout', { method: 'POST' }).catch(() => undefined)
      throw error
    }
    await remember(answer)
  }

  /**
   * Signs out and clears this user's data from the device; throws
   * `UnsyncedDataError` (still signed in, nothing cleared) while the server
   * lacks some of it.
   */
  async function logout(): Promise<void> {
    const { clearUserData, unsyncedCount } = await import('#app/db/user-data.ts')
    const db = await database()
    const count = await unsyncedCount(db)
    if (count > 0) {
      const { UnsyncedDataError } = await import('#app/db/unsynced-error.ts')
      throw new UnsyncedDataError(count)
    }
    try {
      await apiRequest('/api/auth/logout', { method: 'POST' })
    } finally {
      await forget()
      await clearUserData(db)
    }
  }

  function hasPermission(permission: Permission): boolean {
    return me.value !== null && can(me.value.user.role, permission)
  }

  return { me, status, isSignedIn, restore, login, logout, hasPermission, refresh: confirm }
})
