// @vitest-environment happy-dom
import { nextTick } from 'vue'
import { describe, expect, it } from 'vitest'
import { MutationRejection } from '#shared/sync/record-kind.ts'
import { StorageFullError } from '#app/sync/errors.ts'
import { explainFailure } from './save-changes.ts'

/** The text of the toast on screen once rendered (Vant mounts it into the body). */
async function toastText(): Promise<string> {
  await nextTick()
  return [...document.body.querySelectorAll('.van-toast__text')].at(-1)?.textContent?.trim() ?? ''
}

describe('explainFailure', () => {
  it("shows the kind's own refusal in Chinese instead of throwing", async () => {
    expect(() =>
      explainFailure(new MutationRejection('forbidden_role', '只有县说事中心可以登记政策')),
    ).not.toThrow()
    expect(await toastText()).toBe('只有县说事中心可以登记政策')
  })

  it('shows a full disk as what the person can do about it', async () => {
    explainFailure(new StorageFullError())
    expect(await toastText()).toContain('手机存储空间已满')
  })

  it('rethrows anything the person cannot act on', () => {
    const bug = new TypeError('x is undefined')
    expect(() => explainFailure(bug)).toThrow(bug)
  })
})
