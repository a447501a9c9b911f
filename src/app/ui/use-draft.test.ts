import 'fake-indexeddb/auto'
import { effectScope, nextTick, reactive } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import { appDb } from '#app/db/app-db.ts'
import { useDraft } from './use-draft.ts'

interface Form {
  title: string
  tags: string[]
}
const blank = (): Form => ({ title: '', tags: [] })

function draftFor(user: string | undefined, form = reactive(blank())) {
  const scope = effectScope()
  const draft = scope.run(() =>
    useDraft({
      key: () => 'draft:test',
      userId: () => user,
      form,
      isBlank: (value) => value.title === '' && value.tags.length === 0,
      restore(target, stored) {
        if (typeof stored !== 'object' || stored === null || !('title' in stored)) return false
        target.title = String(stored.title)
        return true
      },
    }),
  )
  if (!draft) throw new Error('no draft')
  return { form, draft, stop: () => scope.stop() }
}

/** Lets the 500 ms debounce fire and IndexedDB finish (real time: fake-indexeddb needs real timers). */
async function settle(): Promise<void> {
  await nextTick()
  await new Promise((resolve) => setTimeout(resolve, 700))
}

describe('form drafts', () => {
  afterEach(async () => {
    await appDb.settings.clear()
  })

  it('keeps what was typed for the same user only, and forgets it when cleared', async () => {
    const first = draftFor('u1')
    expect(await first.draft.restoreDraft()).toBe(false)
    first.form.title = '村口路灯不亮'
    first.form.tags.push('infrastructure')
    await settle()
    first.stop()

    const again = draftFor('u1')
    expect(await again.draft.restoreDraft()).toBe(true)
    expect(again.form.title).toBe('村口路灯不亮')
    expect(again.draft.isRestored.value).toBe(true)

    const stranger = draftFor('u2')
    expect(await stranger.draft.restoreDraft()).toBe(false)
    expect(stranger.form.title).toBe('')

    await again.draft.clearDraft(true, () => Object.assign(again.form, blank()))
    await settle()
    expect(await appDb.settings.get('draft:test')).toBeUndefined()
    expect(again.form.title).toBe('')
  })

  it('stores nothing for a blank form or without a signed-in user', async () => {
    const anonymous = draftFor(undefined)
    await anonymous.draft.restoreDraft()
    anonymous.form.title = '有内容'
    await settle()
    expect(await appDb.settings.get('draft:test')).toBeUndefined()

    const owner = draftFor('u1')
    await owner.draft.restoreDraft()
    owner.form.title = '有内容'
    await settle()
    expect(await appDb.settings.get('draft:test')).toBeDefined()
    owner.form.title = ''
    await settle()
    expect(await appDb.settings.get('draft:test')).toBeUndefined()
  })

  it('writes the last keystrokes when the page closes within the debounce', async () => {
    const page = draftFor('u1')
    await page.draft.restoreDraft()
    page.form.title = '最后一个字'
    await nextTick()
    page.stop()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const again = draftFor('u1')
    expect(await again.draft.restoreDraft()).toBe(true)
    expect(again.form.title).toBe('最后一个字')
  })
})
