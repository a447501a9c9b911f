/**
 * Voice notes and signatures (#21.4, #21.5) in Chromium at 360 px, with a
 * fake microphone: a grid worker records the resident's words on the capture
 * form, the note syncs apart from the text and plays on the village cadre's
 * phone; the cadre has the sign-in list of a discussion day signed on the
 * screen, and the signature is on the printed minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { memoMutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, pushApplied } from '../support/sync-client.ts'
import { startE2e, type E2eEnv } from './support/e2e-env.ts'
import {
  fillCapture,
  ISSUE_ID,
  openIssues,
  radio,
  SYNC_TIMEOUT,
  takeAction,
} from './support/issue-screens.ts'
import { planDayToday } from './support/meeting-day.ts'

const TOPIC = '村口路灯不亮'
const REPORT = '院墙开裂'
const SIGNER = '李大爷'

let env: E2eEnv
let as: Awaited<ReturnType<typeof loginAll>>
const meetingId = newRecordId()

beforeAll(async () => {
  // A fake microphone (a beep) that needs no permission prompt.
  env = await startE2e({
    browserArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  })
  // A day held today, planned through the API: its planning screens are tested elsewhere.
  as = await loginAll(env, ['gridWorker', 'villageCadre'])
  await planDayToday(env, as, { issueId: newRecordId(), meetingId, title: TOPIC })
})
afterAll(async () => {
  await env?.close()
})

async function recordData(kind: string, id: string): Promise<Record<string, unknown>> {
  const row = await env.database.db
    .selectFrom('sync_record')
    .select('data')
    .where('key', '=', `${kind}:${id}`)
    .executeTakeFirstOrThrow()
  return JSON.parse(row.data) as Record<string, unknown>
}
async function blobOnServer(sha256: string) {
  return env.database.db
    .selectFrom('blob')
    .select(['content_type', 'size'])
    .where('sha256', '=', sha256)
    .executeTakeFirst()
}

/** Draws a short stroke on the visible signature pad. */
async function sign(page: Page): Promise<void> {
  const canvas = page.getByTestId('signature-canvas')
  await canvas.scrollIntoViewIfNeeded()
  const box = await canvas.boundingBox()
  if (!box) throw new Error('no signature pad on screen')
  await page.mouse.move(box.x + 20, box.y + 40)
  await page.mouse.down()
  for (const [x, y] of [
    [60, 90],
    [110, 50],
    [160, 110],
    [220, 60],
  ] as const) {
    await page.mouse.move(box.x + x, box.y + y, { steps: 4 })
  }
  await page.mouse.up()
}

describe('voice notes and signatures in Chromium at 360 px', () => {
  let issueUrl = ''
  let issueId = ''
  let note = ''
  let gridPhone: { context: BrowserContext; page: Page }

  it('records the resident’s words on the capture form and uploads them after the text', async () => {
    gridPhone = await env.signedInPhone('gridWorker')
    const { page } = gridPhone
    await openIssues(page)
    await fillCapture(page, {
      title: REPORT,
      description: '老人说院墙雨后开裂，原话见录音。',
      category: 'public_interest',
      tag: 'infrastructure',
    })
    const field = page.getByTestId('voice-note')
    await field.getByTestId('voice-record').click()
    // The clock shows while the fake microphone records; a second is enough. The poll's
    // own default (1 s) races the clock's first tick, so it waits as long as a sync may.
    await expect
      .poll(() => field.getByTestId('voice-clock').textContent(), SYNC_TIMEOUT)
      .toContain('0:01')
    await field.getByTestId('voice-stop').click()
    await field.getByTestId('voice-preview').waitFor()
    await page.getByTestId('capture-save').click()
    await page.waitForURL(ISSUE_ID)
    issueUrl = new URL(page.url()).pathname
    const id = ISSUE_ID.exec(page.url())?.[1] ?? ''
    issueId = id
    await expect
      .poll(
        async () => (await recordData('issue', id).catch(() => ({}))) as { voiceNote?: string },
        SYNC_TIMEOUT,
      )
      .toHaveProperty('voiceNote')
    note = String((await recordData('issue', id)).voiceNote)
    // The note follows the text on its own and is the compact type the app records.
    await expect.poll(() => blobOnServer(note), SYNC_TIMEOUT).toBeTruthy()
    const stored = await blobOnServer(note)
    expect(stored?.content_type).toBe('audio/webm')
    expect(Number(stored?.size)).toBeGreaterThan(0)
  })

  it('keeps the resident’s signature from the feedback visit', async () => {
    // Answered by the village through the API: the answer's screens are tested elsewhere.
    for (const [baseVersion, payload] of [
      [1, { action: 'accept' }],
      [2, { action: 'resolve_locally', resolution: '村里已出资修补院墙' }],
    ] as const) {
      await pushApplied(
        env.app,
        as('villageCadre'),
        memoMutation(issueId, 'transition', payload, { kind: 'issue', baseVersion }),
      )
    }
    const { page } = gridPhone
    await page.reload() // a sync on start brings the answer
    await page.getByTestId('action-feedback-open').waitFor(SYNC_TIMEOUT)
    await takeAction(page, 'feedback', async (form) => {
      await radio(form, 'satisfaction', '满意').click()
      await sign(page)
      await form.getByTestId('signature-confirm').click()
      await form.getByTestId('signature-image').waitFor()
    })
    await expect
      .poll(async () => {
        const data = (await recordData('issue', issueId)) as { feedback?: { signature?: string } }
        return data.feedback?.signature ?? ''
      }, SYNC_TIMEOUT)
      .toMatch(/^[0-9a-f]{64}$/)
    const { feedback } = (await recordData('issue', issueId)) as { feedback: { signature: string } }
    await expect.poll(() => blobOnServer(feedback.signature), SYNC_TIMEOUT).toBeTruthy()
    await gridPhone.context.close()
  })

  it('plays the note and shows the visit’s signature on the village cadre’s phone', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')
    await page.goto(issueUrl)
    const audio = page.getByTestId('voice-playback')
    await audio.waitFor(SYNC_TIMEOUT)
    // The browser read the recording's header: it is real, playable audio.
    await expect
      .poll(() => audio.evaluate((element: HTMLAudioElement) => element.readyState), SYNC_TIMEOUT)
      .toBeGreaterThanOrEqual(1)
    expect(await audio.getAttribute('aria-label')).toBeTruthy()
    // The visit's signature shows beside it.
    const visit = page.getByTestId('issue-visit-media')
    await expect
      .poll(
        () =>
          visit
            .getByTestId('signature-image')
            .evaluate((element: HTMLImageElement) => element.naturalWidth)
            .catch(() => 0),
        SYNC_TIMEOUT,
      )
      .toBeGreaterThan(0)
    await context.close()
  })

  it('has the sign-in list signed on the screen and prints the signature in the minutes', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')
    await page.goto(`/meetings/${meetingId}/record`)
    await page.getByTestId('record-count').locator('input').fill('12')
    await page.getByTestId('signer-name').locator('input').fill(SIGNER)
    await sign(page)
    await page.getByTestId('signature-confirm').click()
    await expect.poll(() => page.getByTestId('signature-row').textContent()).toContain(SIGNER)
    await page.getByTestId('record-save').click()
    await page.waitForURL(new RegExp(`/meetings/${meetingId}$`))
    await expect
      .poll(async () => {
        const data = await recordData('meeting', meetingId)
        const signIn = data.signIn as
          { signatures?: { name: string; sha256: string }[] } | undefined
        return signIn?.signatures?.map((signature) => signature.name) ?? []
      }, SYNC_TIMEOUT)
      .toEqual([SIGNER])
    const data = (await recordData('meeting', meetingId)) as {
      signIn: { signatures: { sha256: string }[] }
    }
    const signature = data.signIn.signatures[0]?.sha256 ?? ''
    await expect.poll(() => blobOnServer(signature), SYNC_TIMEOUT).toBeTruthy()
    expect((await blobOnServer(signature))?.content_type).toBe('image/png')
    // Small: a few KB of PNG, not a photo.
    expect(Number((await blobOnServer(signature))?.size)).toBeLessThan(60 * 1024)

    await page.goto(`/meetings/${meetingId}/paper`)
    await page.getByTestId('minutes-sheet').waitFor(SYNC_TIMEOUT)
    await page.emulateMedia({ media: 'print' })
    const printed = page.getByTestId('printed-signatures')
    expect(await printed.textContent()).toContain(SIGNER)
    const image = printed.getByTestId('signature-image')
    await image.waitFor(SYNC_TIMEOUT)
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth))
      .toBeGreaterThan(0)
    await context.close()
  })
})
