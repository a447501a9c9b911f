import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { canOpenIndexedDb, isWeChatUserAgent, needsBrowserGuide } from './browser-check.ts'

const ANDROID_WECHAT =
  'Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230405 MMWEBID/2560 MicroMessenger/8.0.35.2360(0x2800235D) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64'
const IOS_WECHAT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.38(0x18002629) NetType/4G Language/zh_CN'
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36'

describe('browser check', () => {
  it('recognises WeChat on Android (XWEB) and iOS, and not plain Chrome', () => {
    expect(isWeChatUserAgent(ANDROID_WECHAT)).toBe(true)
    expect(isWeChatUserAgent(IOS_WECHAT)).toBe(true)
    expect(isWeChatUserAgent(CHROME_ANDROID)).toBe(false)
  })

  it('asks for the system browser inside WeChat even when features look present', () => {
    expect(needsBrowserGuide({ isWeChat: true, hasServiceWorker: true, hasIndexedDb: true })).toBe(
      true,
    )
  })

  it('asks for another browser when service workers or IndexedDB are missing', () => {
    expect(
      needsBrowserGuide({ isWeChat: false, hasServiceWorker: false, hasIndexedDb: true }),
    ).toBe(true)
    expect(
      needsBrowserGuide({ isWeChat: false, hasServiceWorker: true, hasIndexedDb: false }),
    ).toBe(true)
    expect(needsBrowserGuide({ isWeChat: false, hasServiceWorker: true, hasIndexedDb: true })).toBe(
      false,
    )
  })

  it('opens IndexedDB when it works and reports false when there is none', async () => {
    expect(await canOpenIndexedDb(indexedDB)).toBe(true)
    expect(await canOpenIndexedDb(undefined)).toBe(false)
  })
})
