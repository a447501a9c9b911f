import { describe, expect, it } from 'vitest'
import {
  discussableItemInputSchema,
  suggestVerdict,
  type DiscussableItem,
} from './discussable-list.ts'

function item(overrides: Partial<DiscussableItem>): DiscussableItem {
  return {
    id: 'i',
    townshipId: 'demo-t1',
    title: '村内道路、路灯等公益设施的建设与维护',
    verdict: 'discussable',
    basis: null,
    keywords: ['路灯', '道路'],
    tags: ['infrastructure'],
    note: '',
    updatedAt: '2026-11-25T00:00:00.000Z',
    updatedByName: '柳河镇·干部',
    ...overrides,
  }
}

const streetlight = {
  title: '村口路灯不亮',
  description: '三盏路灯坏了',
  tags: ['infrastructure' as const],
}

describe('the discussable-items list suggestion', () => {
  it('suggests the verdict of the item whose keywords the report mentions', () => {
    const suggestion = suggestVerdict(streetlight, [item({ id: 'roads' })])
    expect(suggestion).toMatchObject({
      verdict: 'discussable',
      item: { id: 'roads' },
      matched: ['路灯'],
    })
  })

  it('says nothing when no keyword matches, even with a shared tag', () => {
    expect(suggestVerdict(streetlight, [item({ keywords: ['自来水'] })])).toBeNull()
    expect(suggestVerdict(streetlight, [])).toBeNull()
  })

  it('prefers the item with more keywords found, then the one sharing a tag', () => {
    const fewer = item({ id: 'fewer', keywords: ['路灯'], tags: [] })
    const more = item({ id: 'more', keywords: ['路灯', '坏了'], tags: [] })
    expect(suggestVerdict(streetlight, [fewer, more])?.item.id).toBe('more')
    const tagged = item({ id: 'tagged', keywords: ['路灯'], tags: ['infrastructure'] })
    expect(suggestVerdict(streetlight, [fewer, tagged])?.item.id).toBe('tagged')
  })

  it('lets "not discussable" win a tie: the law settles it, not a vote', () => {
    const land = {
      title: '征地补偿标准太低',
      description: '希望村里议一议补偿',
      tags: ['land' as const],
    }
    const discussable = item({ id: 'use', keywords: ['补偿'], tags: ['land'] })
    const fixedByLaw = item({
      id: 'law',
      verdict: 'not_discussable',
      basis: 'law',
      keywords: ['征地'],
      tags: ['land'],
    })
    for (const items of [
      [discussable, fixedByLaw],
      [fixedByLaw, discussable],
    ]) {
      expect(suggestVerdict(land, items)).toMatchObject({
        verdict: 'not_discussable',
        item: { id: 'law' },
      })
    }
  })

  it('ignores letter case in keywords', () => {
    expect(
      suggestVerdict({ title: 'WiFi 信号差', description: '', tags: [] }, [
        item({ keywords: ['wifi'] }),
      ]),
    ).not.toBeNull()
  })
})

describe('an item of the list', () => {
  const valid = {
    title: '土地征收补偿标准',
    verdict: 'not_discussable',
    basis: 'law',
    keywords: ['征地'],
    tags: ['land'],
  }

  it('needs a basis when not discussable, and none when discussable', () => {
    expect(discussableItemInputSchema.safeParse(valid).success).toBe(true)
    const noBasis = discussableItemInputSchema.safeParse({ ...valid, basis: null })
    expect(noBasis.error?.issues[0]).toMatchObject({
      path: ['basis'],
      message: '请选择不可议的依据',
    })
    const extraBasis = discussableItemInputSchema.safeParse({ ...valid, verdict: 'discussable' })
    expect(extraBasis.error?.issues[0]?.message).toBe('可议事项无需填写不可议依据')
  })

  it('refuses an item without keywords, in Chinese', () => {
    const result = discussableItemInputSchema.safeParse({ ...valid, keywords: [] })
    expect(result.error?.issues[0]?.message).toBe('请至少填写一个关键词')
  })
})
