/**
 * The part of vue-i18n's API the app uses, typed so that a key no messages
 * file defines is a compile error. vue-i18n's own types accept any string as
 * a key (`t<Key extends string>(key: Key | ResourceKeys)`: the known keys are
 * only suggestions), so `tsconfig.app.json` and `tsconfig.test.json` point
 * `vue-i18n` here through `paths`; the bundler still loads the real package.
 * Use more of vue-i18n? Declare it here first.
 */
import type { Plugin } from 'vue'
import type { MessageKey } from './keys.ts'

/** Translates a defined key, with `{name}` placeholders filled from `named`. */
export interface Translate {
  (key: MessageKey, named?: object): string
}

export interface Composer {
  t: Translate
  /** Whether the loaded texts define `key`: the guard for keys built from data. */
  te(key: string): key is MessageKey
  mergeLocaleMessage(locale: 'zh-CN', messages: Record<string, unknown>): void
}

export type I18n = Plugin & { global: Composer }

export declare function createI18n(options: {
  legacy: false
  locale: 'zh-CN'
  messages: { 'zh-CN': Record<string, unknown> }
}): I18n

export declare function useI18n(): Pick<Composer, 't' | 'te'>

declare module 'vue' {
  interface ComponentCustomProperties {
    $t: Translate
  }
}
