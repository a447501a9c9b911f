// @vitest-environment happy-dom
import { createApp, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { i18n } from '#app/i18n/index.ts'
import { NEXT_GROUP } from './field-specs.ts'
import { useRecordForm } from './use-record-form.ts'

const Blank = { render: () => h('div') }
const schema = z.object({ title: z.string().min(1, '请填写标题') })

/** useRecordForm inside a mounted component with a real router and the app's messages, at /form. */
async function mounted() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Blank },
      { path: '/form', component: Blank },
      { path: '/done/:id', component: Blank },
    ],
  })
  await router.push('/form')
  let recordForm: ReturnType<typeof mounting> | undefined
  const mounting = () =>
    useRecordForm({
      texts: 'common',
      title: 'common.back',
      test: 'thing',
      values: { title: '', note: '' },
      fields: (form) => [
        { text: 'title', max: 60 },
        NEXT_GROUP,
        form.title === '' && { text: 'note', rows: 2 },
      ],
      to: (id) => `/done/${id}`,
    })
  createApp({
    setup() {
      recordForm = mounting()
      return () => h('div')
    },
  })
    .use(router)
    .use(i18n)
    .mount(document.createElement('div'))
  if (!recordForm) throw new Error('not mounted')
  return { ...recordForm, router }
}

describe('useRecordForm', () => {
  it("gives FormPage the title, the test prefix and the fields in their groups, following the form's values", async () => {
    const { frame, form } = await mounted()
    expect(frame.value).toMatchObject({ title: '返回', test: 'thing', isSaving: false })
    expect(frame.value.groups).toEqual([[{ text: 'title', max: 60 }], [{ text: 'note', rows: 2 }]])
    form.title = '修路'
    expect(frame.value.groups).toEqual([[{ text: 'title', max: 60 }]])
    expect(frame.value.model).toBe(form)
  })

  it('saves nothing while the input is wrong, and the reasons are the fields’', async () => {
    const { onSubmit, errors, router } = await mounted()
    const saved: unknown[] = []
    await onSubmit(
      schema,
      () => ({ title: '' }),
      (data) => {
        saved.push(data)
        return Promise.resolve('1')
      },
    )()
    expect(saved).toEqual([])
    expect(errors.value).toEqual({ title: '请填写标题' })
    expect(router.currentRoute.value.fullPath).toBe('/form')
  })

  it('goes to the saved record, and stays when the save was refused', async () => {
    const { onSubmit, form, router } = await mounted()
    form.title = '修路'
    await onSubmit(
      schema,
      () => ({ title: form.title }),
      () => Promise.resolve(null),
    )()
    expect(router.currentRoute.value.fullPath).toBe('/form')
    await onSubmit(
      schema,
      () => ({ title: form.title }),
      () => Promise.resolve('42'),
    )()
    expect(router.currentRoute.value.fullPath).toBe('/done/42')
  })
})
