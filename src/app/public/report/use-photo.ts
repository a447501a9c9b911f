/**
 * The one photo of a resident's report: compressed on the phone like every
 * photo (src/app/ui/photo.ts, its library loaded only when a photo is
 * picked), then sent inline as base64 with the form.
 */
import { ref, shallowRef } from 'vue'
import { compressPhoto } from '#app/ui/photo.ts'

export interface PickedPhoto {
  type: 'image/jpeg'
  base64: string
  url: string
}

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : ''
      resolve(url.replace(/^data:[^,]*,/, ''))
    }
    reader.onerror = () => reject(reader.error ?? new Error('photo not readable'))
    reader.readAsDataURL(blob)
  })
}

export function usePhoto() {
  const photo = shallowRef<PickedPhoto | null>(null)
  const isBusy = ref(false)
  const hasFailed = ref(false)

  async function pick(file: File | undefined): Promise<void> {
    if (!file) return
    isBusy.value = true
    hasFailed.value = false
    try {
      const blob = await compressPhoto(file)
      clear()
      photo.value = {
        type: 'image/jpeg',
        base64: await toBase64(blob),
        url: URL.createObjectURL(blob),
      }
    } catch {
      hasFailed.value = true
    } finally {
      isBusy.value = false
    }
  }

  function clear(): void {
    if (photo.value) URL.revokeObjectURL(photo.value.url)
    photo.value = null
  }

  return { photo, isBusy, hasFailed, pick, clear }
}
