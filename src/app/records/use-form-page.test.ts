// @vitest-environment happy-dom
import { createApp, h, ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { describe, expect, it } from 'vitest'
import { i18n } from '#app/i18n/index.ts'
import { useFieldTexts } from './fields.ts'
import { useFormPage, type FormPageOptions } from './use-form-page.ts'

const Blank = { render: () => h('div') }

/** useFormPage inside a mounted component with a real router and the app's messages; a field below it. */
async function mounted(options: FormPageOptions) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/', component: Blank }],
  })
  await router.push('/')
  let page: ReturnType<typeof useFormPage> | undefined
  let field: ReturnType<typeof useFieldTexts> | undefined
  const Field = {
    setup() {
      field = useFieldTexts({ name: 'back' })
      return () => h('div')
    },
  }
  createApp({
    setup() {
      page = useFormPage(options)
      return () => h(Field)
    },
  })
    .use(router)
    .use(i18n)
    .mount(document.createElement('div'))
  if (!page || !field) throw new Error('not mounted')
  return { ...page, field }
}

describe('useFormPage', () => {
  it("gives FormPage its texts, test prefix and state, following the page's values", async () => {
    const isRestored = ref(false)
    const isEditing = ref(false)
    const { frame, isSaving } = await mounted({
      title: () => (isEditing.value ? 'common.save' : 'common.back'),
      save: 'common.save',
      saving: 'common.saving',
      test: 'thing',
      isRestored,
      isReady: () => isEditing.value,
    })
    expect(frame.value).toEqual({
      title: '返回',
      submitText: '保存',
      savingText: '正在保存…',
      test: 'thing',
      isSaving: false,
      isRestored: false,
      isReady: false,
    })
    isEditing.value = true
    isRestored.value = true
    isSaving.value = true
    expect(frame.value).toMatchObject({
      title: '保存',
      isSaving: true,
      isRestored: true,
      isReady: true,
    })
  })

  it('leaves the defaults to FormPage, and gives the fields their texts and errors', async () => {
    const { frame, errors, field } = await mounted({
      texts: 'common',
      title: 'common.back',
      test: 'x',
    })
    expect(frame.value).toMatchObject({ submitText: undefined, isRestored: false, isReady: true })
    expect(field.label.value).toBe('返回')
    errors.value = { back: '请填写' }
    expect(field.error.value).toBe('请填写')
  })
})
