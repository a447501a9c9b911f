/**
 * Lazy texts for any vue-i18n instance: the app's (./index.ts) and the
 * public pages' (src/app/public/i18n.ts) each make their loaders here, so a
 * page never renders before its texts are merged, in either bundle.
 */
/** A messages module: each export is a tree of texts to merge. */
export type MessagesModule = () => Promise<Record<string, Record<string, unknown>>>

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
 * Makes the loader factory of one i18n instance. Each feature makes exactly
 * one loader, and every route and component that shows those texts imports
 * that one: the load is remembered by the loader, so a second loader of the
 * same module would load and merge the texts again.
 */
export function messagesLoader(target: {
  mergeLocaleMessage(locale: 'zh-CN', messages: Record<string, unknown>): void
}): (module: MessagesModule) => FeatureMessages {
  return (module) => {
    let done: Promise<void> | undefined
    function load(): Promise<void> {
      if (!done) {
        const loading = module().then((exports) => {
          for (const messages of Object.values(exports)) {
            target.mergeLocaleMessage('zh-CN', messages)
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
}
