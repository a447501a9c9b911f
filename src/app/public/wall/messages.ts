import { publicTexts } from '../i18n.ts'

/** The wall's one texts loader (see src/app/public/i18n.ts). */
export const wallTexts = publicTexts(() => import('./messages.zh-CN.ts'))
