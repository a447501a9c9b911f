/**
 * The 议事清单 (township list of what villages may deliberate) on this
 * device: the user's own township list, cached for capture offline, and the
 * online reads and edits of the list screen. Loaded only by the lazy pages
 * that use it (capture, the list screen).
 */
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import {
  discussableListSchema,
  type DiscussableItem,
  type DiscussableItemInput,
  type DiscussableList,
} from '#shared/discussable/discussable-list.ts'
import { apiRequest } from '#app/api/http.ts'
import { useAuthStore } from '#app/features/auth/index.ts'
import { cachedDiscussableList, refreshDiscussableList } from './discussable-cache.ts'

export const useDiscussableStore = defineStore('discussable', () => {
  /** The township's discussable-items list, for the suggestion at capture; null until known. */
  const discussableList = shallowRef<DiscussableList | null>(null)

  /**
   * The user's township list: the cached copy at once, then the server's
   * when online (cached again). Never throws: capture works without a list.
   */
  async function loadDiscussableList(): Promise<void> {
    const ids = useAuthStore().me?.orgPath.map((unit) => unit.id) ?? []
    const cached = await cachedDiscussableList(ids)
    if (cached && !discussableList.value) discussableList.value = cached
    const fresh = await refreshDiscussableList()
    if (fresh) discussableList.value = fresh
  }

  /** A township's list as the server has it (county users, online). */
  async function fetchTownshipList(townshipId: string): Promise<DiscussableList> {
    const query = `?townshipId=${encodeURIComponent(townshipId)}`
    return discussableListSchema.parse(await apiRequest(`/api/discussable-items${query}`))
  }

  /** Adds an item to the township's list, or replaces `editing` (online; throws the server's refusal). */
  async function saveItem(
    townshipId: string,
    editing: DiscussableItem | null,
    input: DiscussableItemInput,
  ): Promise<void> {
    await apiRequest(editing ? `/api/discussable-items/${editing.id}` : '/api/discussable-items', {
      method: editing ? 'PUT' : 'POST',
      body: editing ? input : { ...input, townshipId },
    })
  }

  /** Removes an item (online; throws the server's refusal). */
  async function removeItem(item: DiscussableItem): Promise<void> {
    await apiRequest(`/api/discussable-items/${item.id}`, { method: 'DELETE' })
  }

  return { discussableList, loadDiscussableList, fetchTownshipList, saveItem, removeItem }
})
