/**
 * Issue #21.3 in Chromium at 360 px, one server and two phones of the same
 * grid worker: phone A, offline, holds 20 unsent issue reports (2 with a
 * photo) and exports them to an encrypted hand-over file on its 同步 page;
 * phone B refuses the file under a wrong passphrase, imports it under the
 * right one and syncs; then A comes back online and syncs: the server holds
 * each report once, each change once, both photos, and A's outbox is empty.
 * A's changes are seeded straight into its IndexedDB (the capture screen is
 * not what is tested here; test/e2e/issue-offline.test.ts covers it).
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { sql } from 'kysely'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { issueKind } from '#shared/issue/issue.kind.ts'
import { DEMO_GRID_ID, sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { HANDOVER_EXTENSION } from '#shared/sync/handover-file.ts'
import { zhCN } from '../support/messages.ts'
import { PATHS, userIdOf } from '../support/demo-county.ts'
import { pngOf } from '../support/png.ts'
import { snapshot, startE2e, waitForServiceWorker, type E2eEnv } from './support/e2e-env.ts'
import { SYNC_TIMEOUT } from './support/issue-screens.ts'
import { expectNoOverflow } from './support/screen.ts'

const T = zhCN.sync.handover
const PASSPHRASE = '柳河村一网格交接'
const CHANGES = 20

let env: E2eEnv
let phoneA: { context: BrowserContext; page: Page }
let phoneB: { context: BrowserContext; page: Page }
let file = ''
const pageErrors: string[] = []
const recordIds: string[] = []
const mutationIds: string[] = []
const photoHashes: string[] = []

/** Twenty issue reports as the capture screen saves them: record, outbox entry, photo. */
function seedChanges() {
  const at = new Date().toISOString()
  const actor = {
    userId: userIdOf('gridWorker'),
    userName: '网格员',
    role: 'grid_worker' as const,
    orgUnitId: DEMO_GRID_ID,
    orgPath: PATHS.g1,
    at,
  }
  const photos = [pngOf(200, 40, 40), pngOf(40, 200, 40)].map((bytes) => ({
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: [...bytes],
  }))
  photoHashes.push(...photos.map((photo) => photo.sha256))
  const changes = Array.from({ length: CHANGES }, (_, index) => {
    const recordId = uuidv7()
    const payload = sampleCreatePayload({
      title: `交接测试第${index + 1}件`,
      photos: index < photos.length ? [photos[index]?.sha256] : [],
    })
    const data = issueKind.apply(null, { op: 'create', payload, baseVersion: 0 }, actor)
    const id = uuidv7()
    recordIds.push(recordId)
    mutationIds.push(id)
    return { id, recordId, payload, data }
  })
  return { at, userId: actor.userId, orgPath: PATHS.g1, photos, changes }
}

/** Writes the seed into the phone's database as saveChange and storeBlob would. */
async function writeSeed(page: Page, seed: ReturnType<typeof seedChanges>): Promise<void> {
  await page.evaluate(
    (s) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('shuoshi')
        open.onerror = () => reject(new Error(String(open.error)))
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction(['records', 'outbox', 'blobs', 'syncMeta'], 'readwrite')
          const state = tx.objectStore('syncMeta').get('state')
          state.onsuccess = () => {
            const deviceId = (state.result as { deviceId: string }).deviceId
            for (const photo of s.photos) {
              const blob = new Blob([new Uint8Array(photo.bytes)], { type: 'image/png' })
              tx.objectStore('blobs').put({
                ...{ sha256: photo.sha256, blob, type: 'image/png', size: blob.size },
                ...{ uploaded: 0, createdAt: s.at },
              })
            }
            for (const change of s.changes) {
              const key = `issue:${change.recordId}`
              tx.objectStore('outbox').add({
                ...{ id: change.id, kind: 'issue', recordId: change.recordId, recordKey: key },
                ...{ op: 'create', payload: change.payload, baseVersion: 0, deviceId },
                ...{ userId: s.userId, createdAt: s.at, status: 'pending' },
              })
              tx.objectStore('records').put({
                ...{ key, kind: 'issue', id: change.recordId, version: 0, orgPath: s.orgPath },
                ...{ data: change.data, serverData: null, updatedAt: s.at, hasPending: 1 },
              })
            }
          }
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(new Error(String(tx.error)))
        }
      }),
    seed,
  )
}

async function syncNow(page: Page): Promise<void> {
  await page.getByTestId('sync-now').click()
  await expect
    .poll(() => page.getByTestId('sync-phase').textContent(), SYNC_TIMEOUT)
    .toContain(zhCN.sync.phase.idle)
}

const pending = (page: Page) =>
  page.getByTestId('sync-pending').locator('.van-cell__value').textContent()
const pendingText = (count: number) => zhCN.common.sync.pendingCount.replace('{count}', `${count}`)

/** Rows of `table` whose key (`sha256` for blobs, else `id`) is in `ids`. */
async function countIn(table: 'sync_record' | 'sync_mutation' | 'blob', ids: string[]) {
  const column = table === 'blob' ? 'sha256' : 'id'
  const { rows } = await sql<{ count: number | string }>`
    select count(*) as count from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(ids)})
  `.execute(env.database.db)
  return Number(rows[0]?.count)
}

beforeAll(async () => {
  env = await startE2e()
  phoneA = await env.signedInPhone('gridWorker')
  phoneB = await env.signedInPhone('gridWorker')
  for (const { page } of [phoneA, phoneB]) page.on('pageerror', (e) => pageErrors.push(e.message))
  await waitForServiceWorker(phoneA.page)
})
afterAll(async () => {
  await phoneA?.context.close()
  await phoneB?.context.close()
  await env?.close()
})

describe('the hand-over file of unsent records', () => {
  it('1. phone A, offline with 20 changes and 2 photos, exports them to one file', async () => {
    const { context, page } = phoneA
    await page.goto('/sync')
    // The first sync gave the phone its device id; then the signal goes.
    await expect
      .poll(() => page.getByTestId('sync-last-success').textContent(), SYNC_TIMEOUT)
      .not.toContain(zhCN.sync.never)
    await context.setOffline(true)
    await writeSeed(page, seedChanges())
    await page.reload()
    await expect.poll(() => pending(page), SYNC_TIMEOUT).toBe(pendingText(CHANGES))
    await page.getByTestId('handover-passphrase').locator('input').fill(PASSPHRASE)
    const download = page.waitForEvent('download')
    await page.getByTestId('handover-export').click()
    const saved = await download
    expect(saved.suggestedFilename()).toMatch(
      new RegExp(`^shuoshi-handover-.*${HANDOVER_EXTENSION}$`),
    )
    file = await saved.path()
    await expect
      .poll(() => page.getByTestId('handover-result').textContent(), SYNC_TIMEOUT)
      .toContain(T.exported.replace('{changes}', `${CHANGES}`).replace('{photos}', '2'))
    // Nothing readable in the file: the titles are inside the ciphertext.
    expect((await readFile(file)).toString('utf8')).not.toContain('交接测试')
    // Exporting hands nothing over by itself: A keeps its outbox.
    expect(await pending(page)).toBe(pendingText(CHANGES))
    await expectNoOverflow(page)
    await snapshot(page, 'sync/handover-export')
  })

  it('2. phone B refuses it under a wrong passphrase, then imports it and sends it', async () => {
    const { page } = phoneB
    await page.goto('/sync')
    const passphrase = page.getByTestId('handover-passphrase').locator('input')
    await passphrase.fill('不是这个口令')
    await page.getByTestId('handover-file').setInputFiles(file)
    await expect
      .poll(() => page.getByTestId('handover-error').textContent(), SYNC_TIMEOUT)
      .toBe(T.error.wrong_passphrase)
    expect(await pending(page)).toBe(pendingText(0))

    await passphrase.fill(PASSPHRASE)
    await page.getByTestId('handover-file').setInputFiles(file)
    await expect
      .poll(() => page.getByTestId('handover-result').textContent(), SYNC_TIMEOUT)
      .toContain(T.imported.replace('{changes}', `${CHANGES}`).replace('{photos}', '2'))
    await syncNow(page)
    await expect.poll(() => pending(page), SYNC_TIMEOUT).toBe(pendingText(0))
    await expect.poll(() => countIn('blob', photoHashes), SYNC_TIMEOUT).toBe(2)
    expect(await countIn('sync_record', recordIds)).toBe(CHANGES)
    await expectNoOverflow(page)
    await snapshot(page, 'sync/handover-import')
  })

  it('3. phone A comes back online: each record once on the server, A’s outbox empty', async () => {
    const { context, page } = phoneA
    await context.setOffline(false)
    await page.goto('/sync')
    await syncNow(page)
    await expect.poll(() => pending(page), SYNC_TIMEOUT).toBe(pendingText(0))
    expect(await page.getByTestId('sync-refused').textContent()).toContain(zhCN.sync.empty)
    expect(await countIn('sync_record', recordIds)).toBe(CHANGES)
    expect(await countIn('sync_mutation', mutationIds)).toBe(CHANGES)
    const versions = await env.database.db
      .selectFrom('sync_record')
      .select('version')
      .where('id', 'in', recordIds)
      .execute()
    expect(versions.every((row) => Number(row.version) === 1)).toBe(true)
    const changes = await env.database.db
      .selectFrom('change_log')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(
        'record_key',
        'in',
        recordIds.map((id) => `issue:${id}`),
      )
      .executeTakeFirstOrThrow()
    expect(Number(changes.count)).toBe(CHANGES)
    expect(pageErrors).toEqual([])
  })
})
