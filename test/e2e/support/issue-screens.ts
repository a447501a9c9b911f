/**
 * The issue screens as a phone sees them, for the e2e tests that walk a
 * report through its life: inboxes, the detail page, the action forms.
 * Every label comes from the app's own zh-CN texts.
 */
import { expect } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { zhCN } from '../../support/messages.ts'
import type { IssueAction, IssueStatus } from '#shared/issue/issue.schema.ts'
import { snapshot } from './e2e-env.ts'

/** How long a change may take to reach the server and come back. */
export const SYNC_TIMEOUT = { timeout: 30_000, interval: 250 }
/** An issue's detail page address; the group is its id. */
export const ISSUE_ID = /\/issues\/([0-9a-f-]{36})$/

const T = zhCN.issue

/** Opens the 说事 tab and waits for the inboxes. */
export async function openIssues(page: Page): Promise<void> {
  await page.getByTestId('tab-issues').click()
  await page.getByTestId('issue-inboxes').waitFor()
}

/** The tab of inbox `name` (an i18n key under issue.inbox). */
export function inboxTab(page: Page, name: keyof typeof T.inbox): Locator {
  return page.getByRole('tab', { name: T.inbox[name], exact: true })
}

export async function expectStatus(page: Page, status: IssueStatus): Promise<void> {
  await expect
    .poll(() => page.getByTestId('issue-status').textContent(), SYNC_TIMEOUT)
    .toBe(T.status[status])
}

/** Confirmed by the server: the detail page's 未同步 tag is gone. */
export async function expectSynced(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('issue-pending').count(), SYNC_TIMEOUT).toBe(0)
}

/** The tab bar's badge on 我的 (unsynced and refused changes, photos to upload), or null when none. */
export async function meBadge(page: Page): Promise<string | null> {
  const badge = page.getByTestId('tab-me').locator('.van-badge')
  return (await badge.count()) === 0 ? null : ((await badge.textContent())?.trim() ?? '')
}

/**
 * Opens the form of `action`, fills it in with `fillIn`, optionally takes a
 * screenshot of the filled form, and submits it.
 */
export async function takeAction(
  page: Page,
  action: IssueAction,
  fillIn: (form: Locator) => Promise<void>,
  screenshot?: string,
): Promise<void> {
  await page.getByTestId(`action-${action}-open`).click()
  const form = page.getByTestId('action-form')
  await form.waitFor()
  expect(await form.locator('h2').textContent()).toBe(T.action[action])
  await fillIn(form)
  if (screenshot) {
    // Let the popup finish sliding in.
    await page.waitForTimeout(400)
    await snapshot(page, screenshot)
  }
  await form.getByTestId('action-submit').click()
  await form.waitFor({ state: 'detached' })
}

/**
 * The choice labelled `label` in the action form's field `field`. (By its label's
 * text: the radio's accessible name also holds the check icon's font glyph.)
 */
export function radio(form: Locator, field: string, label: string): Locator {
  return form
    .getByTestId(`action-${field}`)
    .getByRole('radio')
    .filter({ has: form.page().getByText(label, { exact: true }) })
}

/** Types `value` into the action form's text field `field`. */
export async function text(form: Locator, field: string, value: string): Promise<void> {
  await form.getByTestId(`action-${field}`).locator('textarea').fill(value)
}

/** What the capture form takes before its photos. */
export interface CaptureFields {
  title: string
  description: string
  category: string
  tag: string
  residentName?: string
  residentPhone?: string
}

/** Opens the capture form from the 说事 tab and fills it in (photos and saving are the caller's). */
export async function fillCapture(page: Page, fields: CaptureFields): Promise<void> {
  await page.getByTestId('issue-create').click()
  await page.getByTestId('capture-title').locator('input').fill(fields.title)
  await page.getByTestId('capture-description').locator('textarea').fill(fields.description)
  await page.getByTestId(`category-${fields.category}`).click()
  await page.getByTestId(`tag-${fields.tag}`).click()
  if (fields.residentName !== undefined)
    await page.getByTestId('capture-resident-name').locator('input').fill(fields.residentName)
  if (fields.residentPhone !== undefined)
    await page.getByTestId('capture-resident-phone').locator('input').fill(fields.residentPhone)
}

/** The card of the report titled `title` in the open list. */
export function issueCard(page: Page, title: string): Locator {
  return page.getByTestId('issue-card').filter({ hasText: title })
}

/** Opens the card of the report titled `title` and waits for its detail page; returns its id. */
export async function openIssueCard(page: Page, title: string): Promise<string> {
  await issueCard(page, title).click()
  await page.waitForURL(ISSUE_ID)
  await expect.poll(() => page.getByTestId('issue-title').textContent()).toBe(title)
  return ISSUE_ID.exec(page.url())?.[1] ?? ''
}
