import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { takeCspViolations } from '../support/chromium.ts'
import { UNKNOWN_DEMO_PHONE } from '../support/demo-county.ts'
import { snapshot, startE2e, waitForServiceWorker, type E2eEnv } from './support/e2e-env.ts'

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230405 MicroMessenger/8.0.35.2360(0x2800235D) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64'

let env: E2eEnv

beforeAll(async () => {
  env = await startE2e()
})
afterAll(async () => {
  await env?.close()
})

describe('app shell in Chromium at 360 px', () => {
  it('signs a grid worker in and shows the shell with their unit and the five tabs', async () => {
    const { context, page } = await env.signedInPhone('gridWorker')
    await expect.poll(() => page.getByTestId('home-greeting').textContent()).toContain('网格员')
    expect(await page.getByTestId('home-unit').textContent()).toContain('柳河村第一网格说事点')
    for (const tab of ['首页', '说事', '议事', '评议', '我的']) {
      expect(await page.locator('.van-tabbar').textContent()).toContain(tab)
    }
    // Nothing is wider than the phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await snapshot(page, 'shell-home')
    await context.close()
  })

  it('reopens offline after one visit, with the signed-in user read from IndexedDB', async () => {
    const { context, page } = await env.signedInPhone('gridWorker')
    await waitForServiceWorker(page)
    await context.setOffline(true)
    await page.goto('/me')
    await page.reload()
    await page.getByTestId('me-name').waitFor()
    expect(await page.getByTestId('me-name').textContent()).toContain('柳河村第一网格·网格员')
    expect(await page.getByTestId('me-network').textContent()).toContain('离线')
    expect(await page.getByTestId('me-version').textContent()).toMatch(/\d+\.\d+\.\d+/)
    expect(await page.getByTestId('me-storage').textContent()).toContain('已用')
    await snapshot(page, 'shell-me-offline')
    await context.setOffline(false)
    await context.close()
  })

  it('enlarges text and touch targets in elder mode and keeps it across reloads', async () => {
    const { context, page } = await env.signedInPhone('gridWorker')
    await page.goto('/me')
    await page.getByTestId('me-name').waitFor()
    const fontSize = () =>
      page.evaluate(() =>
        parseFloat(getComputedStyle(document.querySelector('.van-cell__title')!).fontSize),
      )
    const logoutHeight = () =>
      page.evaluate(
        () => document.querySelector('[data-test="logout"]')!.getBoundingClientRect().height,
      )
    expect(await fontSize()).toBeLessThan(18)
    await page.getByTestId('elder-toggle').click()
    await expect.poll(fontSize).toBeGreaterThanOrEqual(18)
    expect(await logoutHeight()).toBeGreaterThanOrEqual(60)
    const tabHeight = await page.evaluate(
      () => document.querySelector('.van-tabbar')!.getBoundingClientRect().height,
    )
    expect(tabHeight).toBeGreaterThanOrEqual(60)
    await snapshot(page, 'shell-me-elder')
    await page.reload()
    await page.getByTestId('me-name').waitFor()
    expect(await fontSize()).toBeGreaterThanOrEqual(18)
    await context.close()
  })

  it('never blocks zoom in the viewport meta tag', async () => {
    const context = await env.newPhone()
    const page = await context.newPage()
    await page.goto('/login')
    const viewport = await page.getAttribute('meta[name="viewport"]', 'content')
    expect(viewport).not.toMatch(/user-scalable\s*=\s*(no|0)|maximum-scale/)
    await context.close()
  })

  it('enforces the CSP: an injected inline script does not run and is reported', async () => {
    const context = await env.newPhone()
    const page = await context.newPage()
    const response = await page.goto('/login')
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
    await page.getByTestId('login-submit').waitFor()
    await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'document.body.dataset.injected = "ran"'
      document.body.append(script)
    })
    // Reported twice: by the securitypolicyviolation event and on the console.
    const seen: string[] = []
    await expect
      .poll(() => {
        seen.push(...takeCspViolations())
        return seen.filter((violation) => violation.includes('script-src'))
      })
      .toHaveLength(2)
    expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined()
    await context.close()
  })

  it('refuses a logout posted by a page on another port, though SameSite=Lax sends the cookie', async () => {
    const { context } = await env.signedInPhone('gridWorker')
    // Another origin of the same site (cookies ignore ports): SameSite=Lax
    // lets the session cookie through, so only the CSRF guard stands between.
    const form = `<!doctype html><form method="post" action="${env.baseUrl}/api/auth/logout"></form>`
    const forger = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end(form)
    })
    await new Promise<void>((resolve) => forger.listen(0, '127.0.0.1', resolve))
    try {
      const address = forger.address()
      if (!address || typeof address === 'string') throw new Error('forger has no port')
      const foreign = await context.newPage()
      await foreign.goto(`http://127.0.0.1:${address.port}/`)
      const logout = foreign.waitForResponse((answer) => answer.url().endsWith('/api/auth/logout'))
      await foreign.evaluate(() => document.forms[0]?.submit())
      const answer = await logout
      expect(await answer.request().headerValue('sec-fetch-site')).toBe('same-site')
      expect(await answer.request().headerValue('cookie')).toContain('shuoshi_session=')
      expect(answer.status()).toBe(403)
      expect((await context.request.get('/api/me')).status()).toBe(200)
    } finally {
      forger.close()
      await context.close()
    }
  })

  it("answers 403 to a village cadre's API call into a sibling village", async () => {
    const { context } = await env.signedInPhone('villageCadre')
    const own = await context.request.get('/api/org-units/demo-t1-v1')
    expect(own.status()).toBe(200)
    const sibling = await context.request.get('/api/org-units/demo-t1-v2')
    expect(sibling.status()).toBe(403)
    expect(await sibling.json()).toMatchObject({ code: 'out_of_scope' })
    await context.close()
  })

  it('refuses the 6th wrong password in a row with 429 and a Chinese message', async () => {
    const context = await env.newPhone()
    const page = await context.newPage()
    await page.goto('/login')
    const statuses: number[] = []
    page.on('response', (response) => {
      if (response.url().endsWith('/api/auth/login')) statuses.push(response.status())
    })
    await page.getByTestId('login-phone').locator('input').fill(UNKNOWN_DEMO_PHONE)
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      await page.getByTestId('login-password').locator('input').fill(`wrong-${attempt}`)
      await page.getByTestId('login-submit').click()
      await expect.poll(() => statuses.length).toBe(attempt)
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    expect(await page.getByTestId('login-error').textContent()).toContain('尝试次数过多')
    await snapshot(page, 'login-rate-limited')
    await context.close()
  })

  it("shows the open-in-browser guide inside WeChat's in-app browser", async () => {
    const context = await env.newPhone({ userAgent: WECHAT_UA })
    const page = await context.newPage()
    await page.goto('/login')
    const guide = page.getByTestId('browser-guide')
    await guide.waitFor()
    expect(await guide.textContent()).toContain('在浏览器打开')
    await snapshot(page, 'wechat-guide')
    await page.getByText('仍在此处继续').click()
    await guide.waitFor({ state: 'detached' })
    await context.close()
  })

  it('changes the password from 我的, refusing a wrong current one and a mismatch', async () => {
    const { context, page } = await env.signedInPhone('siblingGridWorker')
    await page.getByTestId('tab-me').click()
    await page.getByTestId('me-password').click()
    const fill = async (current: string, next: string, confirm: string) => {
      await page.getByTestId('password-current').locator('input').fill(current)
      await page.getByTestId('password-new').locator('input').fill(next)
      await page.getByTestId('password-confirm').locator('input').fill(confirm)
      await page.getByTestId('password-submit').click()
    }
    await fill('Shuoshi2026', 'Newpass2027', 'Newpass2028')
    await expect
      .poll(() => page.getByTestId('password-confirm').textContent())
      .toContain('两次输入的新密码不一致')
    await fill('Wrong2026x', 'Newpass2027', 'Newpass2027')
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('原密码不正确')
    await fill('Shuoshi2026', 'Newpass2027', 'Newpass2027')
    await page.getByTestId('me-name').waitFor()
    await context.close()

    const { context: again, page: next } = await env.signedInPhone(
      'siblingGridWorker',
      'Newpass2027',
    )
    expect(await next.getByTestId('home-greeting').textContent()).toContain('网格员')
    await again.close()
  })
})
