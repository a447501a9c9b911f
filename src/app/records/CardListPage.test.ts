// @vitest-environment happy-dom
import { createApp, h, nextTick, reactive } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { describe, expect, it } from 'vitest'
import { oversightMessages } from '#app/features/oversight/index.ts'
import { i18n } from '#app/i18n/index.ts'
import CardListPage, { type ListTexts } from './CardListPage.vue'
import type { RecordCard } from './RecordCards.vue'

/** CardListPage with the oversight texts, a real router and the app's messages. */
async function mounted(props: { cards: RecordCard[]; isLoaded: boolean }) {
  await oversightMessages.load()
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/', component: { render: () => h('div') } }],
  })
  const state = reactive(props)
  const root = document.createElement('div')
  createApp({ render: () => h(CardListPage, { texts: 'oversight.cases', test: 'case', ...state }) })
    .use(router)
    .use(i18n)
    .mount(root)
  return { root, state }
}

describe('CardListPage', () => {
  it('takes its title, count and test names from one prefix each, counting only once the list is read', async () => {
    const { root, state } = await mounted({ cards: [], isLoaded: false })
    expect(root.querySelector('h1')?.textContent).toBe('执法自我纠错台账')
    expect(root.querySelector('[data-test="case-count"]')?.textContent).toBe('')
    state.cards = [
      { id: 'a', to: '/a', title: '甲' },
      { id: 'b', to: '/b', title: '乙' },
    ]
    state.isLoaded = true
    await nextTick()
    expect(root.querySelector('[data-test="case-count"]')?.textContent).toBe('共 2 件')
    expect(root.querySelectorAll('[data-test="case-card"]')).toHaveLength(2)
  })

  it('accepts only a prefix that defines a title, a count and an empty text', () => {
    const good: ListTexts = 'oversight.review'
    // @ts-expect-error `oversight` has no `count` of its own
    const bad: ListTexts = 'oversight'
    expect([good, bad]).toHaveLength(2)
  })
})
