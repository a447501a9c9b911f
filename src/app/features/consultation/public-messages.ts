import { featureMessages } from '#app/i18n/index.ts'

/** The public consultation pages' and the catalogue's texts: their one loader. */
export const consultationPublicTexts = featureMessages(() => import('./public-messages.zh-CN.ts'))
