// @vitest-environment happy-dom
import { createApp, h, nextTick, ref } from 'vue'
import { Tab, Tabs } from 'vant'
import { describe, expect, it } from 'vitest'
import ListTabs from './ListTabs.vue'

describe('ListTabs', () => {
  it('points every tab at a panel that is there and follows the chosen value', async () => {
    const year = ref(2026)
    const root = document.createElement('div')
    document.body.append(root)
    createApp({
      render: () =>
        h(ListTabs<number>, {
          modelValue: year.value,
          'onUpdate:modelValue': (value: number) => (year.value = value),
          tabs: [
            { name: 2026, title: '2026 年' },
            { name: 2027, title: '2027 年' },
          ],
        }),
    })
      .use(Tabs)
      .use(Tab)
      .mount(root)
    await nextTick()
    const tabs = [...root.querySelectorAll<HTMLElement>('[role="tab"]')]
    expect(tabs.map((tab) => tab.textContent?.trim())).toEqual(['2026 年', '2027 年'])
    for (const tab of tabs) {
      expect(document.getElementById(tab.getAttribute('aria-controls') ?? '')).not.toBeNull()
    }
    tabs[1]?.click()
    await nextTick()
    expect(year.value).toBe(2027)
    root.remove()
  })
})
