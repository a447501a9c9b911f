import { describe, expect, it } from 'vitest'
import { featureMessages, i18n } from './index.ts'

describe('a feature’s messages loader', () => {
  it('loads and merges the texts once, however many pages and components ask', async () => {
    let imports = 0
    const messages = featureMessages(() => {
      imports += 1
      return Promise.resolve({ probe: { probe: { once: '一次' } } })
    })
    const page = messages.lazy(() => Promise.resolve('page'))
    const component = messages.lazy(() => Promise.resolve('component'))
    expect(await Promise.all([page(), component(), messages.load()])).toEqual([
      'page',
      'component',
      undefined,
    ])
    await page()
    expect(imports).toBe(1)
    expect(i18n.global.te('probe.once')).toBe(true)
  })

  it('forgets a failed load, so the next visit retries', async () => {
    let attempts = 0
    const messages = featureMessages(() => {
      attempts += 1
      if (attempts === 1) return Promise.reject(new Error('offline'))
      return Promise.resolve({ retry: { retry: { done: '好了' } } })
    })
    await expect(messages.load()).rejects.toThrow('offline')
    await messages.load()
    expect(attempts).toBe(2)
    expect(i18n.global.te('retry.done')).toBe(true)
  })
})
