import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  SCHEMA_HEADER,
  type Mutation,
} from '#shared/sync/sync.protocol.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { createMemo, MEMO_KINDS, memoMutation } from '../support/memo-kind.ts'
import { loginAll, pushRaw, SCHEMA_HEADERS, syncWrites } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

/** Checks of the request as a whole (shape, size, version, session), before any mutation. */
const PEOPLE: Person[] = ['gridWorker']

describe.each(DIALECTS)('refused push requests on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string
  beforeAll(async () => {
    server = await createTestServer(dialect, { kinds: MEMO_KINDS })
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  /** Runs `action` and checks that no sync table gained or lost a row. */
  async function expectNothingWritten(action: () => Promise<unknown>): Promise<void> {
    const before = await syncWrites(server.database)
    await action()
    expect(await syncWrites(server.database)).toEqual(before)
  }

  describe('refused requests', () => {
    const valid = () => createMemo(PATHS.g1)
    const withoutField = (field: keyof Mutation) =>
      Object.fromEntries(Object.entries(valid()).filter(([key]) => key !== field))
    const INVALID_BATCHES: [string, () => unknown][] = [
      ['no mutations', () => ({ mutations: [] })],
      [
        `${MAX_PUSH_MUTATIONS + 1} mutations`,
        () => ({ mutations: Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, valid) }),
      ],
      [
        'a mutation id that is not a UUID',
        () => ({ mutations: [{ ...valid(), id: 'not-a-uuid' }] }),
      ],
      ['a record id that is not a UUID', () => ({ mutations: [{ ...valid(), recordId: '42' }] })],
      ['a mutation without a kind', () => ({ mutations: [withoutField('kind')] })],
      ['a mutation without a payload', () => ({ mutations: [withoutField('payload')] })],
      ['a mutation without an id', () => ({ mutations: [withoutField('id')] })],
      ['a negative base version', () => ({ mutations: [{ ...valid(), baseVersion: -1 }] })],
      [
        'a valid mutation followed by an invalid one',
        () => ({ mutations: [valid(), { ...valid(), createdAt: 'yesterday' }] }),
      ],
      ['no mutations field at all', () => ({})],
      ['mutations that are not a list', () => ({ mutations: valid() })],
    ]

    it.each(INVALID_BATCHES)(
      'answers %s with 400 validation_failed and writes nothing',
      async (_name, body) => {
        await expectNothingWritten(async () => {
          const response = await pushRaw(server.app, as('gridWorker'), body())
          expect(response.statusCode).toBe(400)
          expect(response.json()).toMatchObject({
            code: 'validation_failed',
            message: ERROR_MESSAGES.validation_failed,
          })
        })
      },
    )

    it('answers a body over the push byte limit with 413 and writes nothing', async () => {
      const huge = memoMutation(valid().recordId, 'create', {
        text: 'x',
        orgPath: PATHS.g1,
        pad: '字'.repeat(MAX_PUSH_BYTES / 2),
      })
      await expectNothingWritten(async () => {
        const response = await pushRaw(server.app, as('gridWorker'), { mutations: [huge] })
        expect(response.statusCode).toBe(413)
        expect(response.json()).toEqual({
          code: 'payload_too_large',
          message: ERROR_MESSAGES.payload_too_large,
        })
      })
    })

    it.each([
      ['no schema header', {}],
      ['schema version 0', { [SCHEMA_HEADER]: '0' }],
      ['a schema version that is not a number', { [SCHEMA_HEADER]: 'v1' }],
    ])('answers %s with 426 client_outdated and writes nothing', async (_name, headers) => {
      await expectNothingWritten(async () => {
        const response = await pushRaw(
          server.app,
          as('gridWorker'),
          { mutations: [valid()] },
          headers,
        )
        expect(response.statusCode).toBe(426)
        expect(response.json()).toEqual({
          code: 'client_outdated',
          message: ERROR_MESSAGES.client_outdated,
        })
      })
    })

    // An outdated device speaks an older mutation shape: it must hear "update the
    // app" (and keep its outbox), not "your data is invalid".
    it('answers an outdated client with 426 even when its batch has an older shape', async () => {
      await expectNothingWritten(async () => {
        const response = await pushRaw(
          server.app,
          as('gridWorker'),
          { mutations: [withoutField('deviceId')] },
          {
            [SCHEMA_HEADER]: '0',
          },
        )
        expect(response.statusCode).toBe(426)
        expect(response.json()).toMatchObject({ code: 'client_outdated' })
      })
    })

    it('answers a push without a session with 401 and writes nothing', async () => {
      await expectNothingWritten(async () => {
        const response = await pushRaw(server.app, null, { mutations: [valid()] })
        expect(response.statusCode).toBe(401)
        expect(response.json()).toEqual({
          code: 'unauthenticated',
          message: ERROR_MESSAGES.unauthenticated,
        })
      })
    })

    it('answers a push with a forged session with 401 session_expired and writes nothing', async () => {
      await expectNothingWritten(async () => {
        const response = await pushRaw(
          server.app,
          'shuoshi_session=forged',
          { mutations: [valid()] },
          SCHEMA_HEADERS,
        )
        expect(response.statusCode).toBe(401)
        expect(response.json()).toMatchObject({ code: 'session_expired' })
      })
    })
  })
})
