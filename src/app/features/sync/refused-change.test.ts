import { describe, expect, it } from 'vitest'
import { RECORD_KINDS } from '#shared/record-kinds.ts'
import type { OutboxEntry } from '#app/db/app-db.ts'
import { describeRefusal, KIND_SCREENS } from './refused-change.ts'
import { syncMessages } from './messages.zh-CN.ts'

function refused(kind: string): OutboxEntry {
  return {
    id: 'change-1',
    kind,
    recordId: 'record-1',
    recordKey: `${kind}:record-1`,
    op: 'update',
    payload: {},
    baseVersion: 1,
    deviceId: 'device-1',
    userId: 'user-1',
    createdAt: '2026-11-27T02:00:00.000Z',
    status: 'rejected',
    rejection: { code: 'invalid_payload', message: '内容不完整' },
  } as OutboxEntry
}

describe('a refused change on the 同步 page', () => {
  it('names every record kind and opens its screen, from the kind’s own record-screens.ts', () => {
    for (const { kind: name } of RECORD_KINDS) {
      expect(Object.keys(syncMessages.sync.kinds), name).toContain(name)
      expect(KIND_SCREENS[name], name).toBeDefined()
      const change = describeRefusal(refused(name), { title: '路灯不亮', campaignId: 'c-1' })
      expect(change.link, name).toMatch(/^\//)
    }
  })

  it('still shows the refusal of a kind this version does not know, without a screen', () => {
    const change = describeRefusal(refused('unknown_kind'), { title: '走访' })
    expect(change).toMatchObject({
      kind: 'unknown_kind',
      title: '',
      link: null,
      reason: '内容不完整',
    })
  })
})
