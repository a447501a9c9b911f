/**
 * Each feature's texts load with its pages (src/app/i18n/index.ts). A page
 * reached by a deep link or a reload — online, and offline from the service
 * worker's precache — must show its Chinese texts from the first paint: a
 * MutationObserver records every text the page ever shows, and none may be a
 * raw message key such as `issue.inbox.toAccept`.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { zhCN } from '../support/messages.ts'
import { snapshot, startE2e, waitForServiceWorker, type E2eEnv } from './support/e2e-env.ts'

const RAW_KEY =
  /\b(?:app|tabs|roles|login|home|common|issue|policy|assessment|meeting|me|password|sync|update|browserGuide)\.[A-Za-z_]/

/** A deep link and a text of its feature that must be on screen. */
const PAGES = [
  ['/issues', zhCN.issue.inbox.toAccept],
  ['/issues/new', zhCN.issue.fields.category],
  ['/issues/discussable-list', zhCN.issue.list.intro],
  ['/meetings', zhCN.meeting.plan],
  ['/mediators', zhCN.meeting.mediator.title],
  ['/assessments', zhCN.assessment.tabs.campaigns],
  ['/me', zhCN.me.elderMode],
  ['/sync', zhCN.sync.syncNow],
] as const

let env: E2eEnv

beforeAll(async () => {
  env = await startE2e()
})
afterAll(async () => {
  await env?.close()
})

/** Records every text node and attribute the page shows, from the first byte on. */
async function watchTexts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = []
    Object.assign(window, { __seenTexts: seen })
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'characterData') seen.push(record.target.textContent ?? '')
        if (record.type === 'attributes' && record.target instanceof Element) {
          seen.push(record.target.getAttribute(record.attributeName ?? '') ?? '')
        }
        for (const node of record.addedNodes) {
          seen.push(node.textContent ?? '')
          if (node instanceof Element) {
            for (const element of [node, ...node.querySelectorAll('*')]) {
              for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
                seen.push(element.getAttribute(name) ?? '')
              }
            }
          }
        }
      }
    }).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['aria-label', 'placeholder', 'title', 'alt'],
    })
  })
}

async function rawKeysSeen(page: Page): Promise<string[]> {
  const seen = await page.evaluate(() =>
    '__seenTexts' in window && Array.isArray(window.__seenTexts)
      ? window.__seenTexts.map(String)
      : [],
  )
  return seen.filter((text) => RAW_KEY.test(text))
}

/** Opens every page by its address; `shots` saves two of them for the docs. */
async function openEach(page: Page, shots = false): Promise<void> {
  for (const [path, text] of PAGES) {
    await page.goto(path)
    await page.getByText(text, { exact: false }).first().waitFor()
    expect(await rawKeysSeen(page), path).toEqual([])
    if (shots && (path === '/issues/discussable-list' || path === '/assessments')) {
      await snapshot(page, `lazy-messages${path.replaceAll('/', '-')}`)
    }
  }
}

describe('texts loaded with their pages', () => {
  it('shows no raw key on any page reached by a deep link', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')
    await watchTexts(context)
    await openEach(page, true)
    await context.close()
  })

  it('shows no raw key on a reload offline, from the precached chunks', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')
    await waitForServiceWorker(page)
    await watchTexts(context)
    await context.setOffline(true)
    await openEach(page)
    await page.goto('/mediators')
    await page.reload()
    await page.getByText(zhCN.meeting.mediator.title).first().waitFor()
    expect(await rawKeysSeen(page)).toEqual([])
    await snapshot(page, 'lazy-messages-mediators-offline')
    await context.setOffline(false)
    await context.close()
  })
})
