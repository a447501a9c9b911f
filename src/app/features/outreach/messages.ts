import { featureMessages } from '#app/i18n/index.ts'

/** This feature's texts: the one loader every route and component showing them uses. */
export const outreachMessages = featureMessages(() => import('./messages.zh-CN.ts'))
