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
import { zhCN } from './zh-CN.ts'

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  messages: { 'zh-CN': zhCN },
})

/** A feature's messages module: each export is a tree of texts to merge. */
type MessagesModule = () => Promise<Record<string, Record<string, unknown>>>

/** One feature's texts: made once per feature, in its `messages.ts`. */
export interface FeatureMessages {
  /** Merges the texts once; a failed load is forgotten so the next visit retries. */
  load: () => Promise<void>
  /**
   * Wraps a lazy page or component of the feature:
   * `component: meetingMessages.lazy(() => import('./XPage.vue'))`. The page
   * and its texts load in parallel; it resolves only when both are there.
   */
  lazy: <T>(page: () => Promise<T>) => () => Promise<T>
}

/**
 * The loader of a feature's texts. Each feature makes exactly one, in its
 * `messages.ts`, and every route and component of any feature that shows
 * those texts imports that one: the load is remembered by the loader, so a
 * second loader of the same module would load and merge the texts again.
 */
export function featureMessages(module: MessagesModule): FeatureMessages {
  let done: Promise<void> | undefined
  function load(): Promise<void> {
    if (!done) {
      const loading = module().then((exports) => {
        for (const messages of Object.values(exports)) {
          i18n.global.mergeLocaleMessage('zh-CN', messages)
        }
      })
      loading.catch(() => {
        if (done === loading) done = undefined
      })
      done = loading
    }
    return done
  }
  return {
    load,
    lazy:
      <T>(page: () => Promise<T>) =>
      async (): Promise<T> =>
        (await Promise.all([page(), load()]))[0],
  }
}
