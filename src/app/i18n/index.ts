/**
 * The app's vue-i18n instance. It starts with the shell's texts (./zh-CN.ts);
 * each feature's texts (`features/<f>/messages.zh-CN.ts`) are merged in when
 * one of its pages loads: routes wrap their lazy pages with the feature's one loader
 * (`featureMessages`, made in the feature's `messages.ts`), so
 * a page never renders before its texts are there (deep links and reloads
 * too, since the router resolves the page before the first render). The
 * service worker precaches every chunk, the message chunks included, so this
 * works offline.
 */
import { createI18n } from 'vue-i18n'
import { messagesLoader } from './messages-loader.ts'
import { zhCN } from './zh-CN.ts'

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  messages: { 'zh-CN': zhCN },
})

export type { FeatureMessages } from './messages-loader.ts'

/**
 * The loader of a feature's texts (./messages-loader.ts). Each feature makes
 * exactly one, in its `messages.ts`, and every route and component of any
 * feature that shows those texts imports that one.
 */
export const featureMessages = messagesLoader(i18n.global)
