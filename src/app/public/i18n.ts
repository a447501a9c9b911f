/**
 * The public bundle's texts. vue-i18n with its message compiler is ~25 KB
 * gzip, which alone would break the public pages' 60 KB budget, so this
 * bundle reads the same kind of messages files with a small interpreter of
 * the one syntax they use, `{name}` placeholders. `t`/`$t` are typed by the
 * same `MessageKey` as the app (src/app/i18n/vue-i18n.d.ts). It starts with
 * the public shell's texts only; each group of public pages merges its own
 * when one of its pages loads (`publicTexts`, the app's lazy loader).
 */
import type { App } from 'vue'
import type { MessageKey } from '#app/i18n/keys.ts'
import { messagesLoader } from '#app/i18n/messages-loader.ts'
import { publicShellMessages } from './messages.zh-CN.ts'

type Tree = { [key: string]: string | Tree }

const texts: Tree = {}

function merge(into: Tree, from: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(from)) {
    if (typeof value === 'string') into[key] = value
    else if (typeof value === 'object' && value !== null) {
      const branch = into[key]
      const target = typeof branch === 'object' ? branch : (into[key] = {})
      merge(target, value as Record<string, unknown>)
    }
  }
}

function lookup(key: string): string | undefined {
  let node: string | Tree | undefined = texts
  for (const part of key.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined
  }
  return typeof node === 'string' ? node : undefined
}

/** The text of `key` with `{name}` filled from `named`; the key itself when no text is loaded. */
export function t(key: MessageKey, named: object = {}): string {
  const text = lookup(key)
  if (text === undefined) return key
  const values = new Map<string, unknown>(Object.entries(named))
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values.has(name) ? String(values.get(name)) : whole,
  )
}

/** Whether the loaded texts define `key`: the guard for keys built from data. */
export function te(key: string): key is MessageKey {
  return lookup(key) !== undefined
}

/** Installs `$t` for templates. */
export const publicI18n = {
  install(app: App): void {
    app.config.globalProperties.$t = t
  },
}

merge(texts, publicShellMessages)

/**
 * The loader of one group's texts: each group makes exactly one, in its
 * `messages.ts` (`export const wallTexts = publicTexts(() => import('./messages.zh-CN.ts'))`).
 */
export const publicTexts = messagesLoader({
  mergeLocaleMessage: (_locale: 'zh-CN', messages: Record<string, unknown>) =>
    merge(texts, messages),
})
