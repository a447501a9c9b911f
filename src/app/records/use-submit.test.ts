// @vitest-environment happy-dom
import { createApp, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { useSubmit } from './use-submit.ts'

const Blank = { render: () => h('div') }

/** useSubmit inside a mounted component with a real router, at /form. */
async function mounted() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Blank },
      { path: '/form', component: Blank },
      { path: '/done/:id', component: Blank },
    ],
  })
  await router.push('/')
  await router.push('/form')
  let submit: ReturnType<typeof useSubmit> | undefined
  const app = createApp({
    setup() {
      submit = useSubmit()
      return () => h('div')
    },
  }).use(router)
  app.mount(document.createElement('div'))
  if (!submit) throw new Error('not mounted')
  return { ...submit, router }
}

const schema = z.object({ title: z.string().min(1, '请填写标题') })

describe('useSubmit', () => {
  it('keeps the first message per field and no data when the input is wrong', async () => {
    const { validate, errors } = await mounted()
    expect(validate(schema, { title: '' })).toBeNull()
    expect(errors.value).toEqual({ title: '请填写标题' })
    expect(validate(schema, { title: '修路' })).toEqual({ title: '修路' })
    expect(errors.value).toEqual({})
  })

  it('is saving while the work runs, then replaces the page with where it says', async () => {
    const { submit, isSaving, router } = await mounted()
    let seenSaving = false
    await submit(() => {
      seenSaving = isSaving.value
      return Promise.resolve('/done/7')
    })
    expect(seenSaving).toBe(true)
    expect(isSaving.value).toBe(false)
    expect(router.currentRoute.value.fullPath).toBe('/done/7')
    // Replaced, not pushed: going back skips the finished form.
    router.back()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(router.currentRoute.value.fullPath).toBe('/')
  })

  it('stays on the form when the save was refused, and ends saving when the work throws', async () => {
    const { submit, isSaving, router } = await mounted()
    await submit(() => Promise.resolve(null))
    expect(router.currentRoute.value.fullPath).toBe('/form')
    await expect(submit(() => Promise.reject(new Error('disk')))).rejects.toThrow('disk')
    expect(isSaving.value).toBe(false)
    expect(router.currentRoute.value.fullPath).toBe('/form')
  })
})
