/**
 * Changes sent from a hand-over file (issue #21.3, docs/field.md
 * "Hand-over file"), on SQLite and PostgreSQL: a colleague of the author's
 * unit may send them and is their actor; the author's own phone, sending
 * the same ids later (or earlier), is answered "duplicate", so each change
 * is stored once; anyone else is refused and nothing is written or learnt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { kindRegistry } from '#shared/sync/record-kind.ts'
import { issueKind } from '#shared/issue/issue.kind.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { PATHS, userIdOf, type Person } from '../support/demo-county.ts'
import { createMemo, memoKind, memoMutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, mutationCount, push, pushOne, storedVersion } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u
/** The village cadre and the village's mediator share the unit demo-t1-v1. */
const PEOPLE: Person[] = ['villageCadre', 'villageMediator', 'siblingVillageCadre', 'township']
const author = userIdOf('villageCadre')
const handedOver = (m: Mutation, from = author): Mutation => ({ ...m, handedOverFrom: from })

describe.each(DIALECTS)('changes from a hand-over file on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string
  beforeAll(async () => {
    server = await createTestServer(dialect, { kinds: kindRegistry([memoKind, issueKind]) })
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  async function storedRow(id: string) {
    return server.database.db
      .selectFrom('sync_mutation')
      .select(['user_id', 'handed_over_from', 'status'])
      .where('id', '=', id)
      .executeTakeFirst()
  }

  it('a colleague sends the author’s changes as their actor; the author’s phone then gets "duplicate"', async () => {
    const create = createMemo(PATHS.v1, { text: '村委会门口积水' })
    const update = memoMutation(create.recordId, 'update', { text: '积水已排' }, { baseVersion: 1 })
    const sent = await push(server.app, as('villageMediator'), [
      handedOver(create),
      handedOver(update),
    ])
    expect(sent.map((result) => result.status)).toEqual(['applied', 'applied'])
    // The sender is the actor the rules ran for; the author is kept beside them.
    expect(sent[0]?.record?.data.ownerId).toBe(userIdOf('villageMediator'))
    expect(await storedRow(create.id)).toEqual({
      user_id: userIdOf('villageMediator'),
      handed_over_from: author,
      status: 'applied',
    })
    // The author's phone comes back and sends its outbox as it was.
    const back = await push(server.app, as('villageCadre'), [create, update])
    expect(back.map((result) => [result.status, 'original' in result && result.original])).toEqual([
      ['duplicate', 'applied'],
      ['duplicate', 'applied'],
    ])
    expect(await storedVersion(server.database, 'memo', create.recordId)).toBe(2)
    expect([await mutationCount(server.database, create.id)]).toEqual([1])
  })

  it('the author’s phone first, the colleague’s file after: the colleague gets "duplicate"', async () => {
    const create = createMemo(PATHS.v1)
    expect((await pushOne(server.app, as('villageCadre'), create)).status).toBe('applied')
    const later = await pushOne(server.app, as('villageMediator'), handedOver(create))
    expect(later).toMatchObject({ status: 'duplicate', original: 'applied' })
    expect(await storedVersion(server.database, 'memo', create.recordId)).toBe(1)
  })

  it('refuses a file of another unit’s author with a Chinese reason, writing nothing', async () => {
    const create = createMemo(PATHS.v1)
    // The sibling village's cadre holds the file of this village's cadre.
    const refused = await pushOne(server.app, as('siblingVillageCadre'), handedOver(create))
    expect(refused).toMatchObject({ status: 'rejected', code: 'handover_not_colleague' })
    expect(refused.status === 'rejected' && refused.message).toMatch(HAN)
    // A staff member above the unit is not a colleague of it either, and an unknown author is none.
    const above = await pushOne(server.app, as('township'), handedOver(create))
    expect(above).toMatchObject({ status: 'rejected', code: 'handover_not_colleague' })
    const nobody = await pushOne(server.app, as('villageMediator'), handedOver(create, 'no-such'))
    expect(nobody).toMatchObject({ status: 'rejected', code: 'handover_not_colleague' })
    expect(await mutationCount(server.database, create.id)).toBe(0)
    // Nothing blocks the author's own phone.
    expect((await pushOne(server.app, as('villageCadre'), create)).status).toBe('applied')
    // And naming the author does not let an outsider learn the outcome.
    const probe = await pushOne(server.app, as('siblingVillageCadre'), handedOver(create))
    expect(probe).toMatchObject({
      status: 'rejected',
      code: 'handover_not_colleague',
      record: null,
    })
  })

  it('a colleague refused for their own role leaves the change to the author, who may make it', async () => {
    // A mediator may not log issue reports; the village cadre may.
    const report: Mutation = {
      ...memoMutation(newRecordId(), 'create', sampleCreatePayload({ title: '交接的说事' })),
      kind: 'issue',
    }
    const refused = await pushOne(server.app, as('villageMediator'), handedOver(report))
    expect(refused.status).toBe('rejected')
    expect(await mutationCount(server.database, report.id)).toBe(0)
    expect((await pushOne(server.app, as('villageCadre'), report)).status).toBe('applied')
    expect(await storedRow(report.id)).toMatchObject({ user_id: author, handed_over_from: null })
  })

  it('a change of the sender’s own, naming themselves, is an ordinary change', async () => {
    const create = handedOver(createMemo(PATHS.v1), author)
    expect((await pushOne(server.app, as('villageCadre'), create)).status).toBe('applied')
    expect(await storedRow(create.id)).toMatchObject({ user_id: author, handed_over_from: null })
  })
})
