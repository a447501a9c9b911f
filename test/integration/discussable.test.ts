/**
 * The townships' discussable-items lists (议事清单) on the real server: who
 * reads which list, who edits it, and bad input refused in Chinese with
 * nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DiscussableItem, DiscussableList } from '#shared/discussable/discussable-list.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'
import { PHONES, type Person } from '../support/demo-county.ts'

const NEW_ITEM = {
  townshipId: 'demo-t1',
  title: '村级文化活动场地的使用安排',
  verdict: 'discussable',
  basis: null,
  keywords: ['文化广场', '活动室'],
  tags: ['other'],
  note: '',
}

describe.each(DIALECTS)('the discussable-items lists on %s', (dialect) => {
  let server: TestServer
  const cookies = {} as Record<Person, string>

  beforeAll(async () => {
    server = await createTestServer(dialect)
    for (const person of Object.keys(PHONES) as Person[]) {
      cookies[person] = await server.login(PHONES[person])
    }
  })
  afterAll(async () => {
    await server.close()
  })

  const request = (
    person: Person | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
  ) =>
    server.app.inject({
      method,
      url,
      headers: person ? { cookie: cookies[person] } : {},
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    })

  async function listOf(person: Person, query = ''): Promise<DiscussableList> {
    const response = await request(person, 'GET', `/api/discussable-items${query}`)
    expect(response.statusCode, response.body).toBe(200)
    return response.json<DiscussableList>()
  }

  it.each(['gridWorker', 'villageCadre', 'villageMediator', 'township'] as const)(
    'gives a %s their own township’s list',
    async (person) => {
      const list = await listOf(person)
      expect(list.townshipId).toBe('demo-t1')
      expect(list.items.length).toBeGreaterThanOrEqual(7)
      expect(
        list.items.some((item) => item.verdict === 'not_discussable' && item.basis === 'law'),
      ).toBe(true)
    },
  )

  it('asks the county and departments which township, and reads any of the county', async () => {
    const bare = await request('county', 'GET', '/api/discussable-items')
    expect(bare.statusCode).toBe(400)
    expect(bare.json()).toMatchObject({ code: 'township_required', message: '请选择乡镇（街道）' })
    expect((await listOf('county', '?townshipId=demo-t2')).townshipId).toBe('demo-t2')
    expect((await listOf('department', '?townshipId=demo-t3')).townshipId).toBe('demo-t3')
    const village = await request('county', 'GET', '/api/discussable-items?townshipId=demo-t1-v1')
    expect(village.statusCode).toBe(404)
  })

  it('lets the township edit its own list and no one else’s', async () => {
    const created = await request('township', 'POST', '/api/discussable-items', NEW_ITEM)
    expect(created.statusCode, created.body).toBe(201)
    const item = created.json<DiscussableItem>()
    expect(item).toMatchObject({ townshipId: 'demo-t1', title: NEW_ITEM.title })
    expect((await listOf('gridWorker')).items.map((entry) => entry.id)).toContain(item.id)
    // Another township's list is out of scope for writing.
    const foreign = await request('township', 'POST', '/api/discussable-items', {
      ...NEW_ITEM,
      townshipId: 'demo-t2',
    })
    expect(foreign.statusCode).toBe(403)
    // Grid workers and village cadres read the list but do not edit it.
    for (const person of ['gridWorker', 'villageCadre', 'department'] as const) {
      const refused = await request(person, 'PUT', `/api/discussable-items/${item.id}`, NEW_ITEM)
      expect(refused.statusCode).toBe(403)
      expect(refused.json<{ message: string }>().message).toBe('没有权限进行此操作')
    }
    const changed = await request('county', 'PUT', `/api/discussable-items/${item.id}`, {
      ...NEW_ITEM,
      verdict: 'not_discussable',
      basis: 'beyond_autonomy',
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ verdict: 'not_discussable', basis: 'beyond_autonomy' })
    expect(
      (await request('township', 'DELETE', `/api/discussable-items/${item.id}`)).statusCode,
    ).toBe(204)
    expect((await listOf('township')).items.map((entry) => entry.id)).not.toContain(item.id)
    expect(
      (await request('township', 'DELETE', `/api/discussable-items/${item.id}`)).statusCode,
    ).toBe(404)
  })

  it.each([
    ['no keywords', { ...NEW_ITEM, keywords: [] }, '请至少填写一个关键词'],
    [
      'not discussable without a basis',
      { ...NEW_ITEM, verdict: 'not_discussable' },
      '请选择不可议的依据',
    ],
    ['an unknown tag', { ...NEW_ITEM, tags: ['weather'] }, '领域标签不正确'],
    ['an over-long title', { ...NEW_ITEM, title: '长'.repeat(61) }, '事项名称不超过60字'],
  ])('refuses an item with %s, in Chinese, adding nothing', async (_what, body, message) => {
    const before = (await listOf('township')).items.length
    const response = await request('township', 'POST', '/api/discussable-items', body)
    expect(response.statusCode).toBe(400)
    expect(JSON.stringify(response.json())).toContain(message)
    expect((await listOf('township')).items).toHaveLength(before)
  })

  it('asks for a session first', async () => {
    expect((await request(null, 'GET', '/api/discussable-items')).statusCode).toBe(401)
    expect((await request(null, 'POST', '/api/discussable-items', NEW_ITEM)).statusCode).toBe(401)
  })
})
