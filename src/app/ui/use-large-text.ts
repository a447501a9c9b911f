/**
 * Large text on a public page (no account: the ballot, the livelihood list's
 * ranking and progress pages), on by default for the elders who scan the
 * station's QR code and which they may turn off. Elder mode drives the root
 * font size (rem); the device's own setting comes back on leaving the page.
 */
import { computed, onBeforeUnmount, onMounted, ref } from 'vue'
import { baseTheme, elderTheme } from './theme.ts'

export function useLargeText() {
  const isLargeText = ref(true)
  const themeVars = computed(() => (isLargeText.value ? elderTheme : baseTheme))
  const hadElderClass = document.documentElement.classList.contains('elder')
  function applyTextSize(): void {
    document.documentElement.classList.toggle('elder', isLargeText.value)
  }
  onMounted(applyTextSize)
  onBeforeUnmount(() => document.documentElement.classList.toggle('elder', hadElderClass))
  return { isLargeText, themeVars, applyTextSize }
}
