/**
 * Large text on the public pages: on by default (elders scan the station's
 * QR code), switchable, remembered on this phone when the browser allows
 * (WeChat's may not: then it is on again next time). It drives the root font
 * size, so every rem-sized text and control follows.
 */
import { ref, watchEffect } from 'vue'

const KEY = 'shuoshi.public.largeText'

function remembered(): boolean {
  try {
    return localStorage.getItem(KEY) !== 'off'
  } catch {
    return true
  }
}

export function useTextSize() {
  const isLarge = ref(remembered())
  watchEffect(() => {
    document.documentElement.classList.toggle('public--large', isLarge.value)
    try {
      localStorage.setItem(KEY, isLarge.value ? 'on' : 'off')
    } catch {
      // Storage refused (private mode, some in-app browsers): keep it for this visit.
    }
  })
  return { isLarge }
}
