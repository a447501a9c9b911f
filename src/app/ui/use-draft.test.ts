// @vitest-environment happy-dom
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
    localStorage.clear()
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

  // A reload, a locked phone or a killed app within the debounce: the page is
  // hidden or unloaded but the form's scope is never disposed.
  it.each([
    ['the page is hidden', () => setVisibility('hidden')],
    ['the page is unloaded', () => window.dispatchEvent(new Event('pagehide'))],
    ['the page is frozen', () => document.dispatchEvent(new Event('freeze'))],
    ['the field loses focus', () => document.dispatchEvent(new FocusEvent('focusout'))],
  ])('writes the last keystrokes at once when %s', async (_when, leave) => {
    const page = draftFor('u1')
    await page.draft.restoreDraft()
    page.form.title = '广场舞音响太吵'
    await nextTick()
    leave()
    // Well within the 500 ms debounce, and the scope stays alive.
    await new Promise((resolve) => setTimeout(resolve, 50))
    const stored = await appDb.settings.get('draft:test')
    expect(stored?.value).toMatchObject({ userId: 'u1', form: { title: '广场舞音响太吵' } })
    page.stop()
    setVisibility('visible')
  })

  it('journals the pending draft synchronously as the page goes away', async () => {
    const page = draftFor('u1')
    await page.draft.restoreDraft()
    page.form.title = '晚上十点后还在放音乐'
    await nextTick()
    window.dispatchEvent(new Event('pagehide'))
    // No await in between: an unloading page gets no more turns of the event loop.
    expect(JSON.parse(localStorage.getItem('shuoshi-draft:draft:test') ?? 'null')).toMatchObject({
      userId: 'u1',
      form: { title: '晚上十点后还在放音乐' },
    })
    page.stop()
  })

  it('journals a draft whose IndexedDB write is still in flight when the page goes away', async () => {
    const page = draftFor('u1')
    await page.draft.restoreDraft()
    page.form.title = '写到一半'
    await nextTick()
    // Registered after the draft's debounce with the same delay, so it runs
    // right after the debounce has started the write and before IndexedDB
    // has committed it.
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        window.dispatchEvent(new Event('pagehide'))
        resolve()
      }, 500),
    )
    expect(JSON.parse(localStorage.getItem('shuoshi-draft:draft:test') ?? 'null')).toMatchObject({
      form: { title: '写到一半' },
    })
    page.stop()
  })

  it('restores a journal the unloading page could not get into IndexedDB, unless IndexedDB is newer', async () => {
    const stored = (title: string, savedAt: string) => ({
      userId: 'u1',
      form: { title, tags: [] },
      savedAt,
    })
    await appDb.settings.put({
      key: 'draft:test',
      value: stored('旧的草稿', '2026-11-01T08:00:00.000Z'),
    })
    localStorage.setItem(
      'shuoshi-draft:draft:test',
      JSON.stringify(stored('离开前的最后一个字', '2026-11-01T08:00:05.000Z')),
    )
    const reopened = draftFor('u1')
    expect(await reopened.draft.restoreDraft()).toBe(true)
    expect(reopened.form.title).toBe('离开前的最后一个字')
    // Moved into IndexedDB; the journal is spent.
    expect(await appDb.settings.get('draft:test')).toMatchObject({
      value: { form: { title: '离开前的最后一个字' } },
    })
    expect(localStorage.getItem('shuoshi-draft:draft:test')).toBeNull()
    reopened.stop()

    localStorage.setItem(
      'shuoshi-draft:draft:test',
      JSON.stringify(stored('更早的日志', '2026-11-01T07:00:00.000Z')),
    )
    const again = draftFor('u1')
    expect(await again.draft.restoreDraft()).toBe(true)
    expect(again.form.title).toBe('离开前的最后一个字')
    again.stop()
  })

  it('stops listening to the page once the form is gone', async () => {
    const page = draftFor('u1')
    await page.draft.restoreDraft()
    page.stop()
    page.form.title = '离开后的修改'
    await nextTick()
    window.dispatchEvent(new Event('pagehide'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await appDb.settings.get('draft:test')).toBeUndefined()
  })
})

/** happy-dom's visibilityState is a getter; redefine it the way a browser would flip it. */
function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}
