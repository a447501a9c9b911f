/**
 * An object URL for a blob the record lists (a voice note, a signature):
 * from the device, else from the server (then cached), tried again when the
 * device comes back online; revoked when the component goes.
 */
import { onBeforeUnmount, ref, watch, type Ref } from 'vue'
import { appDb } from '#app/db/app-db.ts'
import { loadBlob } from '#app/sync/blobs.ts'
import { httpTransport } from '#app/sync/transport.ts'
import { useOnline } from './use-online.ts'

export function useBlobUrl(sha256: () => string | undefined): Ref<string> {
  const url = ref('')
  const isOnline = useOnline()
  let shown = ''
  watch(
    [sha256, isOnline],
    async ([sha]) => {
      if (!sha || shown === sha) return
      try {
        const blob = await loadBlob(appDb, httpTransport, sha)
        if (sha256() !== sha) return
        if (url.value) URL.revokeObjectURL(url.value)
        url.value = URL.createObjectURL(blob)
        shown = sha
      } catch {
        // Offline or not on the server yet: the placeholder stays.
      }
    },
    { immediate: true },
  )
  onBeforeUnmount(() => {
    if (url.value) URL.revokeObjectURL(url.value)
  })
  return url
}
