/**
 * What every public page (no account) does with the server: read its one
 * record when it opens, and tell a refusal (the server's Chinese reason)
 * from no answer at all (offline, which a phone in a village often is).
 */
import { onMounted, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { ApiError, apiRequest } from '#app/api/http.ts'

/** The server's reason for a refusal, or `offline` when it did not answer. */
export function publicFailure(error: unknown, offline: string): string {
  return error instanceof ApiError ? error.message : offline
}

/**
 * Reads `path()` once the page is mounted. `loadError` is `notFound` when the
 * server refused (unknown or withdrawn record), `offline` when it did not answer.
 */
export function usePublicRecord<T>(
  path: () => string,
  messages: { notFound: string; offline: string },
): { record: ShallowRef<T | null>; loadError: Ref<string> } {
  const record = shallowRef<T | null>(null)
  const loadError = ref('')
  onMounted(async () => {
    try {
      record.value = await apiRequest<T>(path())
    } catch (error) {
      loadError.value = error instanceof ApiError ? messages.notFound : messages.offline
    }
  })
  return { record, loadError }
}
