/**
 * Every text of the public bundle, for types and tests only: `MessageKey`
 * (src/app/i18n/keys.ts) and test/support/messages.ts. The bundle itself
 * loads each group's texts lazily with its pages. A new group adds its
 * messages here.
 */
import { publicShellMessages } from './messages.zh-CN.ts'
import { residentReportMessages } from './report/messages.zh-CN.ts'
import { wallMessages } from './wall/messages.zh-CN.ts'

export const publicMessages = {
  ...publicShellMessages,
  ...wallMessages,
  ...residentReportMessages,
}

export type PublicMessages = typeof publicMessages
