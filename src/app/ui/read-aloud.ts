/**
 * 朗读: reads a page's main text aloud with the browser's own speech
 * synthesis in Mandarin (zh-CN), where the browser has it; nothing is sent
 * anywhere. Shared by the public pages and the app's elder mode.
 */
import { onBeforeUnmount, ref } from 'vue'

/** Whether this browser can speak at all (WeChat's and old Android ones may not). */
export function canReadAloud(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window
}

/** The text of an element as a reader would hear it: visible text, whitespace folded. */
export function spokenText(element: HTMLElement): string {
  return element.innerText.replace(/\s+/g, ' ').trim()
}

export function useReadAloud() {
  const isReading = ref(false)
  function stop(): void {
    if (!canReadAloud()) return
    window.speechSynthesis.cancel()
    isReading.value = false
  }
  function read(text: string): void {
    if (!canReadAloud() || !text) return
    stop()
    const utterance = new SpeechSynthesisUtterance(text)
    utterance.lang = 'zh-CN'
    // A little slower than the default, for elders.
    utterance.rate = 0.9
    const voice = window.speechSynthesis.getVoices().find((v) => v.lang.startsWith('zh'))
    if (voice) utterance.voice = voice
    utterance.onend = () => (isReading.value = false)
    utterance.onerror = () => (isReading.value = false)
    isReading.value = true
    window.speechSynthesis.speak(utterance)
  }
  onBeforeUnmount(stop)
  return { isReading, read, stop }
}
