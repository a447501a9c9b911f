/** `navigator.onLine`, kept current by the online/offline events. */
import { onScopeDispose, ref, type Ref } from 'vue'

export function useOnline(): Ref<boolean> {
  const isOnline = ref(navigator.onLine)
  const update = () => {
    isOnline.value = navigator.onLine
  }
  window.addEventListener('online', update)
  window.addEventListener('offline', update)
  onScopeDispose(() => {
    window.removeEventListener('online', update)
    window.removeEventListener('offline', update)
  })
  return isOnline
}
