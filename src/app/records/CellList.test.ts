// @vitest-environment happy-dom
import { createApp, h, nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { Cell, CellGroup, Tag } from 'vant'
import { describe, expect, it } from 'vitest'
import CellList, { type CellEntry } from './CellList.vue'

/** CellList mounted with these entries (and Vant's cells, as the app registers them); its root element. */
async function rendered(entries: CellEntry[]): Promise<HTMLElement> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)*', component: { render: () => h('div') } }],
  })
  const root = document.createElement('div')
  createApp({ render: () => h(CellList, { title: '事项', entries, entryTest: 'row' }) })
    .use(router)
    .use(Cell)
    .use(CellGroup)
    .use(Tag)
    .mount(root)
  await nextTick()
  return root
}

describe('CellList', () => {
  it('shows a warning tag in place of the label, and long text whole', async () => {
    const root = await rendered([
      { key: 'due', title: '办理期限', value: '2026-12-01', tag: '已超期', test: 'due' },
      { key: 'reply', title: '处理结果', label: '第一行\n第二行', wrap: true },
      { key: 'plain', title: '类别', value: '公益事项' },
    ])
    const [due, reply, plain] = [...root.querySelectorAll<HTMLElement>('.van-cell')]
    expect(due?.dataset.test).toBe('due')
    expect(due?.querySelector('.van-tag')?.textContent).toBe('已超期')
    expect(reply?.classList.contains('cell-list__text')).toBe(true)
    expect(reply?.dataset.test).toBe('row')
    expect(plain?.querySelector('.van-tag')).toBeNull()
    expect(plain?.classList.contains('cell-list__text')).toBe(false)
  })
})
