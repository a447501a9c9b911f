/**
 * The one text rule and sane dates, end to end on both dialects: what one
 * database would refuse with a 500 (U+0000 on PostgreSQL) or silently change
 * (a lone surrogate becomes U+FFFD) is refused with a Chinese reason before
 * it is stored, in every route and in every pushed mutation; invisible
 * titles and year-0050 dates are refused; and both dialects store the same
 * NFC text.
 */
import { sql } from 'kysely'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { samplePlan, sampleTopic } from '#shared/meeting/meeting.fixtures.ts'
import type { MutationResult } from '#shared/sync/sync.protocol.ts'
import { PATHS, PHONES } from '../support/demo-county.ts'
import { loginAll, push, pushApplied, pushRaw, storedVersion } from '../support/sync-client.ts'
import { kindMutation as mutation } from '../support/memo-kind.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u

/** Strings that must never be stored as they are. */
const BAD_STRINGS: [name: string, value: string][] = [
  ['U+0000', '村口\u0000路灯'],
  ['a lone high surrogate', '村口路灯\ud83d'],
  ['a lone low surrogate', '\ude00村口路灯'],
]
/** Titles with nothing visible in them. */
const INVISIBLE: [name: string, value: string][] = [
  ['zero-width spaces', '\u200b\u200b\u200b'],
  ['a zero-width joiner and a word joiner', '\u200d\u2060'],
  ['ideographic spaces', '\u3000\u3000'],
]

function refusal(result: MutationResult | undefined) {
  if (result?.status !== 'rejected') throw new Error(`expected a refusal, got ${result?.status}`)
  expect(result.message).toMatch(HAN)
  return result
}

describe.each(DIALECTS)('the text rule on %s', (dialect) => {
  let server: TestServer
  let admin: string
  let as: Awaited<ReturnType<typeof loginAll>>
  beforeAll(async () => {
    server = await createTestServer(dialect)
    admin = await server.login(PHONES.admin)
    as = await loginAll(server, ['gridWorker', 'villageCadre', 'township'])
  })
  afterAll(() => server.close())

  function post(url: string, payload: unknown, cookie = admin) {
    return server.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/json' },
      // Serialized by hand: JSON.stringify keeps U+0000 and lone surrogates as escapes.
      payload: JSON.stringify(payload),
    })
  }

  async function expectRefused(
    response: Awaited<ReturnType<typeof post>>,
    table: 'app_user' | 'org_unit' | 'discussable_item',
    before: number,
  ) {
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json<{ message: string }>().message).toMatch(HAN)
    expect(await countRows(server.database, table)).toBe(before)
  }

  const user = (name: string) => ({
    phone: `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    name,
    password: 'Xincun2026',
    role: 'village_cadre',
    orgUnitId: 'demo-t2-v1',
  })
  const unit = (name: string) => ({ parentId: 'demo-t2', tier: 'village', name })
  const item = (title: string) => ({
    townshipId: 'demo-t1',
    title,
    verdict: 'discussable',
    basis: null,
    keywords: ['路灯'],
    tags: ['infrastructure'],
    note: '',
  })

  describe.each([...BAD_STRINGS, ...INVISIBLE])('%s', (_name, bad) => {
    it('is refused in a user name with 400 and a Chinese reason, storing nothing', async () => {
      const before = await countRows(server.database, 'app_user')
      await expectRefused(await post('/api/users', user(bad)), 'app_user', before)
    })

    it('is refused in a unit name', async () => {
      const before = await countRows(server.database, 'org_unit')
      await expectRefused(await post('/api/org-units', unit(bad)), 'org_unit', before)
    })

    it('is refused in a 议事清单 title', async () => {
      const before = await countRows(server.database, 'discussable_item')
      const response = await post('/api/discussable-items', item(bad), as('township'))
      await expectRefused(response, 'discussable_item', before)
    })

    it('refuses only its own mutation when it is in an issue report’s field', async () => {
      const poisoned = mutation('issue', uuidv7(), 'create', sampleCreatePayload({ title: bad }))
      const described = mutation(
        'issue',
        uuidv7(),
        'create',
        sampleCreatePayload({ description: `情况如下：${bad}` }),
      )
      const valid = mutation('issue', uuidv7(), 'create', sampleCreatePayload())
      const results = await push(server.app, as('gridWorker'), [poisoned, described, valid])
      refusal(results[0])
      // Inside a longer text an invisible run is harmless; a bad character is not.
      if (BAD_STRINGS.some(([, value]) => value === bad)) refusal(results[1])
      expect(results[2]).toMatchObject({ status: 'applied' })
      expect(await storedVersion(server.database, 'issue', poisoned.recordId)).toBeNull()
    })
  })

  it.each(BAD_STRINGS)(
    'refuses %s in any string of any body: an id, an unknown field, a password',
    async (_name, bad) => {
      const requests = [
        post('/api/org-units', { ...unit('新村'), parentId: bad }),
        post('/api/users', { ...user('新人'), orgUnitId: bad }),
        post('/api/users', { ...user('新人'), extra: { note: bad } }),
        post('/api/users', { ...user('新人'), [bad]: 1 }),
        post('/api/auth/login', { phone: PHONES.admin, password: bad }, ''),
      ]
      for (const response of await Promise.all(requests)) {
        expect(response.statusCode, response.body).toBe(400)
        expect(response.json()).toMatchObject({
          code: 'invalid_text',
          message: ERROR_MESSAGES.invalid_text,
        })
      }
    },
  )

  it('refuses U+0000 in a query string or a path parameter', async () => {
    // A lone surrogate cannot be written in a URL at all (no UTF-8 for it): only U+0000 can.
    const requests = [
      server.app.inject({
        method: 'GET',
        url: '/api/discussable-items?townshipId=demo-t1%00',
        headers: { cookie: as('township') },
      }),
      server.app.inject({
        method: 'GET',
        url: '/api/org-units/demo-t1%00',
        headers: { cookie: admin },
      }),
    ]
    for (const response of await Promise.all(requests)) {
      expect(response.statusCode, response.body).toBe(400)
      expect(response.json()).toMatchObject({ code: 'invalid_text' })
    }
  })

  it('refuses a mutation with U+0000 in a field its kind does not know, and applies the rest', async () => {
    const odd = mutation('issue', uuidv7(), 'create', { ...sampleCreatePayload(), x: '\u0000' })
    const valid = mutation('issue', uuidv7(), 'create', sampleCreatePayload())
    const [refused, applied] = await push(server.app, as('gridWorker'), [odd, valid])
    expect(refusal(refused).code).toBe('invalid_text')
    expect(applied).toMatchObject({ status: 'applied' })
  })

  it('refuses a push whose envelope (the device id) holds U+0000, before storing anything', async () => {
    const bad = { ...mutation('issue', uuidv7(), 'create', sampleCreatePayload()) }
    bad.deviceId = 'device\u0000'
    const before = await countRows(server.database, 'sync_mutation')
    const response = await pushRaw(server.app, as('gridWorker'), { mutations: [bad] })
    expect(response.statusCode).toBe(400)
    expect(response.json<{ message: string }>().message).toMatch(HAN)
    expect(await countRows(server.database, 'sync_mutation')).toBe(before)
  })

  it('refuses a discussion day dated in the year 0050, or on the 30th of February', async () => {
    const issueId = uuidv7()
    await pushApplied(
      server.app,
      as('gridWorker'),
      mutation('issue', issueId, 'create', sampleCreatePayload()),
    )
    await pushApplied(
      server.app,
      as('villageCadre'),
      mutation('issue', issueId, 'transition', { action: 'accept' }, 1),
    )
    for (const date of ['0050-10-20', '2025-02-30']) {
      const day = mutation(
        'meeting',
        uuidv7(),
        'create',
        samplePlan({ date, mediators: [], topics: [sampleTopic({ issueId })] }),
      )
      const [result] = await push(server.app, as('villageCadre'), [day])
      expect(refusal(result).message).toContain('日期')
      expect(await storedVersion(server.database, 'meeting', day.recordId)).toBeNull()
    }
  })

  it('stores the NFC form of a text, the same on both dialects', async () => {
    const decomposed = 'Cafe\u0301 村'
    const created = await post('/api/org-units', unit(`  ${decomposed}\u200b `))
    expect(created.statusCode, created.body).toBe(201)
    const { id } = created.json<{ id: string }>()
    const row = await server.database.db
      .selectFrom('org_unit')
      .select(['name', sql<number>`length(name)`.as('length')])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.name).toBe('Caf\u00e9 村')
    expect(Number(row.length)).toBe(6)

    const issueId = uuidv7()
    const issue = await pushApplied(
      server.app,
      as('gridWorker'),
      mutation('issue', issueId, 'create', sampleCreatePayload({ title: `  ${decomposed}  ` })),
    )
    expect(issue.data.title).toBe('Caf\u00e9 村')
    const stored = await server.database.db
      .selectFrom('sync_record')
      .select('data')
      .where('key', '=', `issue:${issueId}`)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(stored.data)).toMatchObject({ title: 'Caf\u00e9 村' })
  })

  it('still accepts what people normally type', async () => {
    const created = await post('/api/org-units', unit('新河村（二组）· 说事站 👍'))
    expect(created.statusCode, created.body).toBe(201)
    const description = '第一行：村口路灯不亮。\n第二行：已联系电工。\t（待回复）'
    const issue = await pushApplied(
      server.app,
      as('gridWorker'),
      mutation('issue', uuidv7(), 'create', sampleCreatePayload({ description })),
    )
    expect(issue.data.description).toBe(description)
    expect(issue.orgPath).toBe(PATHS.g1)
  })
})
