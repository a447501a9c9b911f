// @vitest-environment happy-dom
import { createApp, h, nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { Cell, CellGroup, Tag } from 'vant'
import { describe, expect, it } from 'vitest'
import { i18n } from '#app/i18n/index.ts'
import CellList, { type CellEntry } from './CellList.vue'

/** CellList with Vant's cells and a real router (its link cells need one), in a detached element. */
async function mounted(
  entries: readonly CellEntry[],
  slots: Record<string, (props: { entry: { note?: string } }) => unknown> = {},
) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)*', component: { render: () => h('div') } }],
  })
  await router.push('/')
  const root = document.createElement('div')
  createApp({ render: () => h(CellList, { title: '事项', entries, entryTest: 'entry' }, slots) })
    .use(router)
    .use(i18n)
    .use(Cell)
    .use(CellGroup)
    .use(Tag)
    .mount(root)
  await nextTick()
  return { root, router }
}

describe('CellList', () => {
  it('shows a warning tag in place of the label, and long text whole', async () => {
    const { root } = await mounted([
      { key: 'due', title: '办理期限', value: '2026-12-01', warning: '已超期', test: 'due' },
      { key: 'reply', title: '处理结果', label: '第一行\n第二行', wrap: true },
      { key: 'plain', title: '类别', value: '公益事项' },
    ])
    const [due, reply, plain] = [...root.querySelectorAll<HTMLElement>('.van-cell')]
    expect(due?.dataset.test).toBe('due')
    expect(due?.querySelector('.van-tag')?.textContent).toBe('已超期')
    expect(reply?.classList.contains('cell-list__text')).toBe(true)
    expect(reply?.dataset.test).toBe('entry')
    expect(plain?.querySelector('.van-tag')).toBeNull()
    expect(plain?.classList.contains('cell-list__text')).toBe(false)
  })

  it('makes a cell a button with the arrow when its entry says what a tap does', async () => {
    let taps = 0
    const { root } = await mounted([
      { key: 1, title: '甲', onClick: () => (taps += 1), test: 'tap-me' },
      { key: 2, title: '乙' },
    ])
    const button = root.querySelector<HTMLElement>('[data-test="tap-me"]')
    button?.click()
    expect(taps).toBe(1)
    expect(button?.querySelector('.van-cell__right-icon')).not.toBeNull()
    const plain = root.querySelector('[data-test="entry"]')
    expect(plain?.querySelector('.van-cell__right-icon')).toBeNull()
  })

  it('shows a tag in place of the value and indents an entry by its depth in a tree', async () => {
    const { root } = await mounted([
      { key: 'a', title: '城关镇', depth: 2, tag: { text: '已撤销', type: 'warning' } },
    ])
    const cell = root.querySelector<HTMLElement>('[data-test="entry"]')
    expect(cell?.querySelector('.van-tag--warning')?.textContent).toBe('已撤销')
    expect(cell?.style.paddingLeft).toBe('44px')
  })

  it("hands each entry, with the page's own fields, to the value slot", async () => {
    const noted = { key: 1, title: '甲', note: '备注' }
    const { root } = await mounted([noted], {
      value: ({ entry }) => h('button', { 'data-test': 'own' }, entry.note),
    })
    expect(root.querySelector('[data-test="entry"] [data-test="own"]')?.textContent).toBe('备注')
  })
})
