/**
 * The app's vue-i18n instance. It starts with the shell's texts (./zh-CN.ts);
 * each feature's texts (`features/<f>/messages.zh-CN.ts`) are merged in when
 * one of its pages loads: routes wrap their lazy pages with `withMessages`, so
 * a page never renders before its texts are there (deep links and reloads
 * too, since the router resolves the page before the first render). The
 * service worker precaches every chunk, the message chunks included, so this
 * works offline.
 */
import { createI18n } from 'vue-i18n'
import { zhCN } from './zh-CN.ts'

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  messages: { 'zh-CN': zhCN },
})

/** A feature's messages module: each export is a tree of texts to merge. */
type MessagesLoader = () => Promise<Record<string, Record<string, unknown>>>

const loaded = new Map<MessagesLoader, Promise<void>>()

/** Merges a feature's texts once; a failed load is forgotten so the next visit retries. */
export function loadMessages(load: MessagesLoader): Promise<void> {
  let done = loaded.get(load)
  if (!done) {
    done = load().then((module) => {
      for (const messages of Object.values(module)) {
        i18n.global.mergeLocaleMessage('zh-CN', messages)
      }
    })
    done.catch(() => loaded.delete(load))
    loaded.set(load, done)
  }
  return done
}

/**
 * Wraps a feature's lazy pages: `const page = withMessages(() => import('./messages.zh-CN.ts'))`,
 * then `component: page(() => import('./XPage.vue'))`. The page and its texts load in parallel.
 */
export function withMessages(load: MessagesLoader) {
  return <T>(page: () => Promise<T>) =>
    async (): Promise<T> =>
      (await Promise.all([page(), loadMessages(load)]))[0]
}
