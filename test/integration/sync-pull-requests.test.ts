import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { MAX_PULL_LIMIT, SCHEMA_HEADER } from '#shared/sync/sync.protocol.ts'
import type { Person } from '../support/demo-county.ts'
import { MEMO_KINDS } from '../support/memo-kind.ts'
import { loginAll, pullRaw, Replica } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u
/** Checks of the pull request itself (cursor, limit, session, version), before any record. */
const PEOPLE: Person[] = ['gridWorker']

describe.each(DIALECTS)('refused pull requests on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string
  beforeAll(async () => {
    server = await createTestServer(dialect, { kinds: MEMO_KINDS })
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  const replicaOf = (person: Person) => new Replica(server.app, as(person))
  /** A replica of everything `person` may see now, from a first sync. */
  const freshReplica = (person: Person, limit?: number) => replicaOf(person).sync(limit)

  describe('refused pulls', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

    it.each<[string, (real: string) => string]>([
      ['garbage', () => 'not-a-cursor!!'],
      [
        'base64 of something that is not JSON',
        () => Buffer.from('\u0000\u0001 hello').toString('base64url'),
      ],
      ['a JSON object that is not a cursor', () => encode({ v: 1 })],
      [
        'a cursor of an unknown version',
        (real) => encode({ ...JSON.parse(Buffer.from(real, 'base64url').toString()), v: 2 }),
      ],
      [
        'a cursor with a position of the wrong type',
        (real) =>
          encode({
            ...JSON.parse(Buffer.from(real, 'base64url').toString()),
            from: { txid: 'x', seq: 1 },
          }),
      ],
      ['a cursor cut in half', (real) => real.slice(0, Math.floor(real.length / 2))],
    ])('refuses %s with 400 and a Chinese reason', async (_name, tamper) => {
      const real = (await freshReplica('gridWorker')).cursor ?? ''
      const response = await pullRaw(server.app, as('gridWorker'), { cursor: tamper(real) })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({ code: 'bad_request', message: '同步游标无效，请重新同步' })
    })

    it('refuses an over-long cursor and a limit out of range with 400', async () => {
      for (const options of [
        { cursor: 'x'.repeat(2001) },
        { limit: 0 },
        { limit: MAX_PULL_LIMIT + 1 },
      ]) {
        const response = await pullRaw(server.app, as('gridWorker'), options)
        expect(response.statusCode, JSON.stringify(options)).toBe(400)
        expect(response.json<{ message: string }>().message).toMatch(HAN)
      }
    })

    it('answers a pull without a session with 401 and one without the schema header with 426', async () => {
      const anonymous = await pullRaw(server.app, null)
      expect(anonymous.statusCode).toBe(401)
      expect(anonymous.json()).toEqual({
        code: 'unauthenticated',
        message: ERROR_MESSAGES.unauthenticated,
      })
      const outdated: Record<string, string>[] = [{}, { [SCHEMA_HEADER]: '0' }]
      for (const headers of outdated) {
        const response = await pullRaw(server.app, as('gridWorker'), { headers })
        expect(response.statusCode).toBe(426)
        expect(response.json()).toEqual({
          code: 'client_outdated',
          message: ERROR_MESSAGES.client_outdated,
        })
      }
    })
  })
})
