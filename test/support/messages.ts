/**
 * Every UI text of the app in one object, for tests that assert what a user
 * sees: the shell's texts plus each feature's (the app itself loads the
 * features' texts lazily, with their pages).
 */
import type { AllMessages } from '#app/i18n/keys.ts'
import { zhCN as shell } from '#app/i18n/zh-CN.ts'
import { adminMessages } from '#app/features/admin/messages.zh-CN.ts'
import { consultationPublicMessages } from '#app/features/consultation/public-messages.zh-CN.ts'
import { deputyMessages } from '#app/features/deputy/messages.zh-CN.ts'
import { outreachMessages } from '#app/features/outreach/messages.zh-CN.ts'
import { disclosureMessages } from '#app/features/disclosure/messages.zh-CN.ts'
import { deskMessages } from '#app/features/home/messages.zh-CN.ts'
import { assessmentMessages } from '#app/features/policy/messages.zh-CN.ts'
import { consultationMessages } from '#app/features/consultation/messages.zh-CN.ts'
import { importMessages } from '#app/features/import/messages.zh-CN.ts'
import { issueMessages } from '#app/features/issue/messages.zh-CN.ts'
import { ledgerMessages } from '#app/features/ledger/messages.zh-CN.ts'
import { livelihoodMessages } from '#app/features/livelihood/messages.zh-CN.ts'
import { meMessages } from '#app/features/me/messages.zh-CN.ts'
import { messagesMessages } from '#app/features/messages/messages.zh-CN.ts'
import { meetingMessages } from '#app/features/meeting/messages.zh-CN.ts'
import { oversightMessages } from '#app/features/oversight/messages.zh-CN.ts'
import { settingsMessages } from '#app/features/settings/messages.zh-CN.ts'
import { syncMessages } from '#app/features/sync/messages.zh-CN.ts'
import { supervisionMessages } from '#app/features/supervision/messages.zh-CN.ts'
import { publicMessages } from '#app/public/messages.ts'

export const zhCN: AllMessages = {
  ...shell,
  ...adminMessages,
  ...assessmentMessages,
  ...consultationMessages,
  ...consultationPublicMessages,
  ...deputyMessages,
  ...outreachMessages,
  ...deskMessages,
  ...disclosureMessages,
  ...importMessages,
  ...issueMessages,
  ...ledgerMessages,
  ...livelihoodMessages,
  ...meMessages,
  ...messagesMessages,
  ...meetingMessages,
  ...oversightMessages,
  ...settingsMessages,
  ...syncMessages,
  ...supervisionMessages,
  ...publicMessages,
}
