import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { kindRegistry, type Actor } from '#shared/sync/record-kind.ts'
import { issueKind } from '#shared/issue/issue.kind.ts'
import { DEMO_ACTORS, sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import {
  HANDOVER_MIN_ITERATIONS,
  HANDOVER_MAGIC,
  HandoverFileError,
} from '#shared/sync/handover-file.ts'
import { AppDb, type OutboxEntry } from '#app/db/app-db.ts'
import { storeBlob } from './blobs.ts'
import { saveChange } from './local-store.ts'
import { toMutation } from './push.ts'
import { collectHandover, receiveHandover, type HandoverUser } from './handover.ts'
import { openHandover, sealHandover } from './handover-crypto.ts'

const KINDS = kindRegistry([issueKind])
const gridWorker = DEMO_ACTORS.gridWorker
const colleague: Actor = { ...DEMO_ACTORS.siblingGridWorker, orgUnitId: gridWorker.orgUnitId }
const PASSPHRASE = '柳河村交接2026'
/** The floor, not the default: the tests derive keys many times. */
const ITERATIONS = HANDOVER_MIN_ITERATIONS

const userOf = (actor: Actor): HandoverUser => ({
  userId: actor.userId,
  name: actor.userName,
  orgUnitId: actor.orgUnitId,
})
const actorFor = (actor: Actor) => (entry: { createdAt: string }) => ({
  ...actor,
  at: entry.createdAt,
})

let first: AppDb
let second: AppDb
beforeEach(() => {
  first = new AppDb(`handover-a-${Math.random()}`)
  second = new AppDb(`handover-b-${Math.random()}`)
})
afterEach(async () => {
  for (const db of [first, second]) {
    db.close()
    await db.delete()
  }
})

/** Three changes on the first phone, two of them with a photo, sealed into a file. */
async function fileFromFirstPhone(): Promise<Uint8Array> {
  const photos = [
    await storeBlob(first, new Blob([new Uint8Array([0x89, 0x50, 1, 2])], { type: 'image/png' })),
    await storeBlob(first, new Blob([new Uint8Array([0x89, 0x50, 3, 4])], { type: 'image/png' })),
  ]
  for (const [index, title] of ['路灯坏了', '水渠堵了', '垃圾没清'].entries()) {
    await saveChange(first, KINDS, gridWorker, {
      kind: 'issue',
      op: 'create',
      payload: sampleCreatePayload({ title, photos: photos.slice(index, index + 1) }),
    })
  }
  const payload = await collectHandover(first, KINDS, userOf(gridWorker))
  return sealHandover(payload, PASSPHRASE, ITERATIONS)
}

async function failureOf(work: () => Promise<unknown>): Promise<string> {
  try {
    await work()
    return 'none'
  } catch (error) {
    if (error instanceof HandoverFileError) return error.code
    throw error
  }
}

describe('the hand-over file on the device', () => {
  it('carries every unsent change, its record and its photos to the same user on another phone', async () => {
    const file = await fileFromFirstPhone()
    // Nothing readable in the clear but the header.
    expect(new TextDecoder().decode(file)).not.toContain('路灯坏了')
    const payload = await openHandover(file, PASSPHRASE)
    const receipt = await receiveHandover(
      second,
      KINDS,
      actorFor(gridWorker),
      userOf(gridWorker),
      payload,
    )
    expect(receipt).toEqual({ changes: 3, photos: 2, known: 0 })
    const sent = await first.outbox.orderBy('seq').toArray()
    const received = await second.outbox.orderBy('seq').toArray()
    // Same ids, same order, same payloads: the server sees one change whichever phone sends it.
    const withoutSeq = (entries: OutboxEntry[]) =>
      entries.map((entry) => ({ ...toMutation(entry), seq: 0 }))
    expect(withoutSeq(received)).toEqual(withoutSeq(sent))
    expect(received.every((entry) => entry.handedOverFrom === undefined)).toBe(true)
    const titles = (await second.records.toArray()).map((record) => record.data.title).sort()
    expect(titles).toEqual(['垃圾没清', '水渠堵了', '路灯坏了'].sort())
    expect(await second.blobs.where('uploaded').equals(0).count()).toBe(2)
  })

  it('takes a file in once: importing it again adds nothing', async () => {
    const payload = await openHandover(await fileFromFirstPhone(), PASSPHRASE)
    await receiveHandover(second, KINDS, actorFor(gridWorker), userOf(gridWorker), payload)
    const again = await receiveHandover(
      second,
      KINDS,
      actorFor(gridWorker),
      userOf(gridWorker),
      payload,
    )
    expect(again).toEqual({ changes: 0, photos: 0, known: 3 })
    expect(await second.outbox.count()).toBe(3)
  })

  it('marks a colleague’s import with the author, and refuses another unit’s with nothing written', async () => {
    const payload = await openHandover(await fileFromFirstPhone(), PASSPHRASE)
    const stranger = DEMO_ACTORS.otherVillageGridWorker
    expect(
      await failureOf(() =>
        receiveHandover(second, KINDS, actorFor(stranger), userOf(stranger), payload),
      ),
    ).toBe('other_unit')
    expect(await second.outbox.count()).toBe(0)
    expect(await second.blobs.count()).toBe(0)
    await receiveHandover(second, KINDS, actorFor(colleague), userOf(colleague), payload)
    const received = await second.outbox.toArray()
    expect(received.map((entry) => [entry.userId, entry.handedOverFrom])).toEqual(
      received.map(() => [colleague.userId, gridWorker.userId]),
    )
    expect(toMutation(received[0]!).handedOverFrom).toBe(gridWorker.userId)
  })

  it('says which of wrong passphrase, damaged file and changed header it is', async () => {
    const file = await fileFromFirstPhone()
    expect(await failureOf(() => openHandover(file, '不是这个口令啊啊'))).toBe('wrong_passphrase')
    const damaged = file.slice()
    damaged[file.length - 3] = (damaged[file.length - 3] ?? 0) ^ 0x40
    expect(await failureOf(() => openHandover(damaged, PASSPHRASE))).toBe('corrupt')
    // Raising the iterations in the header (to slow a guesser, or to freeze the phone) breaks the seal.
    // One character per byte, both ways: TextDecoder's 'latin1' is windows-1252 on Node 24,
    // which would change bytes 0x80–0x9f of the sealed part on the way back.
    const text = Array.from(file, (byte) => String.fromCharCode(byte)).join('')
    const changed = text.replace(`"iterations":${ITERATIONS}`, `"iterations":${ITERATIONS + 1}`)
    expect(changed).not.toBe(text)
    const bytes = Uint8Array.from(changed, (char) => char.charCodeAt(0))
    expect(await failureOf(() => openHandover(bytes, PASSPHRASE))).toBe('wrong_passphrase')
    expect(
      await failureOf(() => openHandover(new TextEncoder().encode(HANDOVER_MAGIC), PASSPHRASE)),
    ).toBe('corrupt')
  })

  it('refuses to make a file with a short passphrase, or with nothing to hand over', async () => {
    expect(await failureOf(() => collectHandover(first, KINDS, userOf(gridWorker)))).toBe(
      'nothing_to_hand_over',
    )
    await saveChange(first, KINDS, gridWorker, {
      kind: 'issue',
      op: 'create',
      payload: sampleCreatePayload(),
    })
    const payload = await collectHandover(first, KINDS, userOf(gridWorker))
    expect(await failureOf(() => sealHandover(payload, '1234567', ITERATIONS))).toBe(
      'weak_passphrase',
    )
    // Another user's changes on a shared phone are not this user's to hand over.
    expect(
      await failureOf(() => collectHandover(first, KINDS, userOf(DEMO_ACTORS.villageCadre))),
    ).toBe('nothing_to_hand_over')
  })
})
