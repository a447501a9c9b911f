import { publicTexts } from '../i18n.ts'

/** The residents' report pages' one texts loader (see src/app/public/i18n.ts). */
export const residentReportTexts = publicTexts(() => import('./messages.zh-CN.ts'))
